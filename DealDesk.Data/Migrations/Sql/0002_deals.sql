-- 0002 deals: deals, pricing scenarios, per-day deal number counters, idempotency keys, quick quotes.
-- Tables and indexes mirror the EF model (MigrationSchemaTests compares them); RLS and grants follow.

CREATE TABLE deal_number_counters (
    dealership_id uuid NOT NULL,
    day date NOT NULL,
    last_value integer NOT NULL,
    CONSTRAINT "PK_deal_number_counters" PRIMARY KEY (dealership_id, day),
    CONSTRAINT ck_deal_number_counters_positive CHECK (last_value > 0),
    CONSTRAINT "FK_deal_number_counters_dealerships_dealership_id" FOREIGN KEY (dealership_id) REFERENCES dealerships (id) ON DELETE RESTRICT
);

CREATE TABLE idempotency_keys (
    dealership_id uuid NOT NULL,
    key character varying(100) NOT NULL,
    operation character varying(40) NOT NULL,
    user_id uuid NOT NULL,
    request_hash character varying(64) NOT NULL,
    result_id uuid NOT NULL,
    created_at timestamp with time zone NOT NULL DEFAULT (now()),
    CONSTRAINT "PK_idempotency_keys" PRIMARY KEY (dealership_id, key),
    CONSTRAINT "FK_idempotency_keys_dealerships_dealership_id" FOREIGN KEY (dealership_id) REFERENCES dealerships (id) ON DELETE RESTRICT
);

CREATE TABLE deals (
    id uuid NOT NULL DEFAULT (gen_random_uuid()),
    dealership_id uuid NOT NULL,
    deal_number character varying(24) NOT NULL,
    customer_id uuid NOT NULL,
    vehicle_id uuid,
    salesperson_id uuid NOT NULL,
    state character varying(16) NOT NULL,
    active_scenario_id uuid,
    created_by uuid NOT NULL,
    created_at timestamp with time zone NOT NULL DEFAULT (now()),
    updated_at timestamp with time zone NOT NULL DEFAULT (now()),
    CONSTRAINT "PK_deals" PRIMARY KEY (id),
    CONSTRAINT "AK_deals_dealership_id_id" UNIQUE (dealership_id, id),
    CONSTRAINT ck_deals_state CHECK (state IN ('DRAFT','DELIVERED','CANCELLED')),
    CONSTRAINT "FK_deals_customers_dealership_id_customer_id" FOREIGN KEY (dealership_id, customer_id) REFERENCES customers (dealership_id, id) ON DELETE RESTRICT,
    CONSTRAINT "FK_deals_dealerships_dealership_id" FOREIGN KEY (dealership_id) REFERENCES dealerships (id) ON DELETE RESTRICT,
    CONSTRAINT "FK_deals_users_dealership_id_created_by" FOREIGN KEY (dealership_id, created_by) REFERENCES users (dealership_id, id) ON DELETE RESTRICT,
    CONSTRAINT "FK_deals_users_dealership_id_salesperson_id" FOREIGN KEY (dealership_id, salesperson_id) REFERENCES users (dealership_id, id) ON DELETE RESTRICT,
    CONSTRAINT "FK_deals_vehicles_dealership_id_vehicle_id" FOREIGN KEY (dealership_id, vehicle_id) REFERENCES vehicles (dealership_id, id) ON DELETE RESTRICT
);

CREATE TABLE pricing_scenarios (
    id uuid NOT NULL DEFAULT (gen_random_uuid()),
    dealership_id uuid NOT NULL,
    deal_id uuid NOT NULL,
    name character varying(60) NOT NULL,
    kind character varying(8) NOT NULL,
    price numeric(12,2) NOT NULL,
    down_payment numeric(12,2) NOT NULL,
    trade_in_value numeric(12,2) NOT NULL,
    trade_in_payoff numeric(12,2) NOT NULL,
    term_months integer NOT NULL,
    apr numeric(7,4) NOT NULL,
    tax_rate numeric(7,4) NOT NULL,
    fees numeric(12,2) NOT NULL,
    amount_financed numeric(12,2) NOT NULL,
    monthly_payment numeric(12,2) NOT NULL,
    created_at timestamp with time zone NOT NULL DEFAULT (now()),
    updated_at timestamp with time zone NOT NULL DEFAULT (now()),
    CONSTRAINT "PK_pricing_scenarios" PRIMARY KEY (id),
    CONSTRAINT "AK_pricing_scenarios_dealership_id_id" UNIQUE (dealership_id, id),
    CONSTRAINT ck_pricing_scenarios_amounts CHECK (price >= 0 AND down_payment >= 0 AND trade_in_value >= 0 AND trade_in_payoff >= 0 AND fees >= 0),
    CONSTRAINT ck_pricing_scenarios_kind CHECK (kind IN ('FINANCE','LEASE','CASH')),
    CONSTRAINT ck_pricing_scenarios_terms CHECK (term_months BETWEEN 1 AND 120 AND apr BETWEEN 0 AND 30 AND tax_rate BETWEEN 0 AND 1),
    CONSTRAINT "FK_pricing_scenarios_deals_dealership_id_deal_id" FOREIGN KEY (dealership_id, deal_id) REFERENCES deals (dealership_id, id) ON DELETE CASCADE
);

CREATE TABLE quick_quotes (
    id uuid NOT NULL DEFAULT (gen_random_uuid()),
    dealership_id uuid NOT NULL,
    salesperson_id uuid NOT NULL,
    vehicle_id uuid,
    customer_name character varying(160) NOT NULL,
    customer_phone character varying(20),
    price numeric(12,2) NOT NULL,
    down_payment numeric(12,2) NOT NULL,
    term_months integer NOT NULL,
    apr numeric(7,4) NOT NULL,
    monthly_payment numeric(12,2) NOT NULL,
    status character varying(16) NOT NULL,
    converted_deal_id uuid,
    created_at timestamp with time zone NOT NULL DEFAULT (now()),
    CONSTRAINT "PK_quick_quotes" PRIMARY KEY (id),
    CONSTRAINT "AK_quick_quotes_dealership_id_id" UNIQUE (dealership_id, id),
    CONSTRAINT ck_quick_quotes_converted CHECK ((status = 'CONVERTED') = (converted_deal_id IS NOT NULL)),
    CONSTRAINT ck_quick_quotes_status CHECK (status IN ('OPEN','CONVERTED')),
    CONSTRAINT "FK_quick_quotes_dealerships_dealership_id" FOREIGN KEY (dealership_id) REFERENCES dealerships (id) ON DELETE RESTRICT,
    CONSTRAINT "FK_quick_quotes_deals_dealership_id_converted_deal_id" FOREIGN KEY (dealership_id, converted_deal_id) REFERENCES deals (dealership_id, id) ON DELETE RESTRICT,
    CONSTRAINT "FK_quick_quotes_users_dealership_id_salesperson_id" FOREIGN KEY (dealership_id, salesperson_id) REFERENCES users (dealership_id, id) ON DELETE RESTRICT,
    CONSTRAINT "FK_quick_quotes_vehicles_dealership_id_vehicle_id" FOREIGN KEY (dealership_id, vehicle_id) REFERENCES vehicles (dealership_id, id) ON DELETE RESTRICT
);

CREATE INDEX "IX_deals_dealership_id_active_scenario_id" ON deals (dealership_id, active_scenario_id);

CREATE INDEX "IX_deals_dealership_id_created_by" ON deals (dealership_id, created_by);

CREATE INDEX "IX_deals_dealership_id_customer_id" ON deals (dealership_id, customer_id);

CREATE UNIQUE INDEX "IX_deals_dealership_id_deal_number" ON deals (dealership_id, deal_number);

CREATE INDEX "IX_deals_dealership_id_salesperson_id" ON deals (dealership_id, salesperson_id);

CREATE INDEX "IX_deals_dealership_id_state_created_at" ON deals (dealership_id, state, created_at);

CREATE UNIQUE INDEX ux_deals_open_vehicle ON deals (dealership_id, vehicle_id) WHERE vehicle_id IS NOT NULL AND state NOT IN ('DELIVERED','CANCELLED');

CREATE INDEX "IX_pricing_scenarios_dealership_id_deal_id" ON pricing_scenarios (dealership_id, deal_id);

CREATE INDEX "IX_quick_quotes_dealership_id_converted_deal_id" ON quick_quotes (dealership_id, converted_deal_id);

CREATE INDEX "IX_quick_quotes_dealership_id_created_at" ON quick_quotes (dealership_id, created_at);

CREATE INDEX "IX_quick_quotes_dealership_id_salesperson_id" ON quick_quotes (dealership_id, salesperson_id);

CREATE INDEX "IX_quick_quotes_dealership_id_vehicle_id" ON quick_quotes (dealership_id, vehicle_id);

ALTER TABLE deals ADD CONSTRAINT "FK_deals_pricing_scenarios_dealership_id_active_scenario_id" FOREIGN KEY (dealership_id, active_scenario_id) REFERENCES pricing_scenarios (dealership_id, id) ON DELETE RESTRICT;

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['deals', 'pricing_scenarios', 'deal_number_counters', 'idempotency_keys', 'quick_quotes'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (dealership_id = app_current_dealership()) '
                       'WITH CHECK (dealership_id = app_current_dealership())', t);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO dealdesk_app', t);
    END LOOP;
END $$;
-- Deals are cancelled, never deleted; counters only move forward.
REVOKE DELETE ON deals, deal_number_counters FROM dealdesk_app;
