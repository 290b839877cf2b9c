-- Leads (issue 8): row-level security, grants and the functions EF does not model. Applied by the Leads migration.

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['leads', 'conversations', 'messages', 'lead_assignment_counters'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (dealership_id = app_current_dealership()) '
                       'WITH CHECK (dealership_id = app_current_dealership())', t);
    END LOOP;
END $$;
-- DELETE on leads only for create_lead_with_conversation's tentative row (see there); conversations and messages are kept.
GRANT SELECT, INSERT, UPDATE, DELETE ON leads TO dealdesk_app;
GRANT SELECT, INSERT, UPDATE ON conversations, messages, lead_assignment_counters TO dealdesk_app;

-- The next salesperson for a new lead, round-robin. The counter row's upsert holds its lock until commit, so
-- concurrent creations take consecutive values and each salesperson gets every n-th lead.
CREATE FUNCTION lead_round_robin_next(p_dealership uuid) RETURNS uuid
    LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = public
    AS $$
DECLARE v_n bigint; v_count int; v_user uuid;
BEGIN
    INSERT INTO lead_assignment_counters AS c (dealership_id, last_value) VALUES (p_dealership, 1)
        ON CONFLICT (dealership_id) DO UPDATE SET last_value = c.last_value + 1
        RETURNING c.last_value INTO v_n;
    SELECT count(*) INTO v_count FROM users u
        JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id
        WHERE u.dealership_id = p_dealership AND r.name = 'Salesperson' AND (u.lockout_end IS NULL OR u.lockout_end < now());
    IF v_count = 0 THEN RETURN NULL; END IF;
    SELECT u.id INTO v_user FROM users u
        JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id
        WHERE u.dealership_id = p_dealership AND r.name = 'Salesperson' AND (u.lockout_end IS NULL OR u.lockout_end < now())
        ORDER BY u.id OFFSET ((v_n - 1) % v_count) LIMIT 1;
    RETURN v_user;
END $$;
REVOKE ALL ON FUNCTION lead_round_robin_next(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lead_round_robin_next(uuid) TO dealdesk_app;

-- A lead, its conversation and (optionally) the conversation's first message in one round trip, or, when the
-- number already has an active conversation, just the message appended to it. SECURITY INVOKER: the caller's
-- row-level security applies to every statement, and the tenant is the transaction's (app.dealership_id).
-- Simultaneous first messages from one new number: the conversation INSERT's ON CONFLICT on the partial unique
-- index (one active conversation per phone) makes the later ones wait for the first to commit and then do
-- nothing; they drop their tentative lead and join that conversation. A redelivered message (same provider id)
-- is dropped by the messages' unique (dealership_id, provider_message_id).
CREATE FUNCTION create_lead_with_conversation(
    p_customer_phone text, p_customer_name text, p_type text, p_details text, p_source text,
    p_assigned_to uuid, p_at timestamptz,
    p_direction text DEFAULT NULL, p_body text DEFAULT NULL, p_provider_message_id text DEFAULT NULL,
    p_idempotency_ref uuid DEFAULT NULL, p_sent_by uuid DEFAULT NULL)
    RETURNS TABLE (lead_id uuid, conversation_id uuid, message_id uuid, lead_created boolean, message_created boolean)
    LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = public
    AS $$
#variable_conflict use_column
DECLARE
    v_dealership uuid := app_current_dealership();
    v_lead uuid;
    v_conversation uuid;
    v_message uuid;
    v_created boolean := false;
    v_inbound boolean := p_direction = 'inbound';
    v_stop boolean := upper(btrim(coalesce(p_body, ''), E' \t\r\n.!')) IN ('STOP', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT');
BEGIN
    IF v_dealership IS NULL THEN
        RAISE EXCEPTION 'create_lead_with_conversation: no tenant is set' USING ERRCODE = '42501';
    END IF;
    INSERT INTO leads (dealership_id, customer_phone, customer_name, type, details, status, source, assigned_to, created_at, updated_at)
        VALUES (v_dealership, p_customer_phone, p_customer_name, p_type, p_details, 'new', p_source, p_assigned_to, p_at, p_at)
        RETURNING id INTO v_lead;
    INSERT INTO conversations (dealership_id, lead_id, channel, customer_phone, status, last_inbound_at, last_message_at,
                               unread_count, opted_out, created_at)
        VALUES (v_dealership, v_lead, 'whatsapp', p_customer_phone, 'active', NULL, p_at, 0, false, p_at)
        ON CONFLICT (dealership_id, customer_phone) WHERE status = 'active' DO NOTHING
        RETURNING id INTO v_conversation;
    IF v_conversation IS NULL THEN
        DELETE FROM leads WHERE id = v_lead;
        SELECT c.id, c.lead_id INTO v_conversation, v_lead FROM conversations c
            WHERE c.dealership_id = v_dealership AND c.customer_phone = p_customer_phone AND c.status = 'active';
    ELSE
        v_created := true;
        IF p_assigned_to IS NULL AND (SELECT d.lead_round_robin FROM dealerships d WHERE d.id = v_dealership) THEN
            UPDATE leads SET assigned_to = lead_round_robin_next(v_dealership) WHERE id = v_lead;
        END IF;
    END IF;
    IF p_direction IS NOT NULL THEN
        INSERT INTO messages (dealership_id, conversation_id, direction, body, provider_message_id, status, idempotency_ref,
                              sent_by, attempts, created_at, status_at)
            VALUES (v_dealership, v_conversation, p_direction, p_body, p_provider_message_id,
                    CASE WHEN v_inbound THEN 'received' ELSE 'queued' END, p_idempotency_ref, p_sent_by, 0, p_at, p_at)
            ON CONFLICT (dealership_id, provider_message_id) DO NOTHING
            RETURNING id INTO v_message;
        IF v_message IS NOT NULL AND v_inbound THEN
            UPDATE conversations SET
                last_inbound_at = greatest(last_inbound_at, p_at), last_message_at = greatest(last_message_at, p_at),
                unread_count = unread_count + 1, opted_out = v_stop
                WHERE dealership_id = v_dealership AND id = v_conversation;
        ELSIF v_message IS NOT NULL THEN
            UPDATE conversations SET last_message_at = greatest(last_message_at, p_at)
                WHERE dealership_id = v_dealership AND id = v_conversation;
            UPDATE leads SET first_response_at = coalesce(first_response_at, p_at), updated_at = p_at
                WHERE dealership_id = v_dealership AND id = v_lead;
        END IF;
    END IF;
    RETURN QUERY SELECT v_lead, v_conversation, v_message, v_created, v_message IS NOT NULL;
END $$;
REVOKE ALL ON FUNCTION create_lead_with_conversation(text, text, text, text, text, uuid, timestamptz, text, text, text, uuid, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION create_lead_with_conversation(text, text, text, text, text, uuid, timestamptz, text, text, text, uuid, uuid) TO dealdesk_app;

-- The webhook learns its tenant from the payload's phone_number_id, before any tenant is set, and row-level
-- security hides every dealership from a tenant-less connection. This SECURITY DEFINER lookup is the narrow
-- exception: one indexed column in, one dealership id out, nothing else readable through it.
CREATE FUNCTION app_dealership_for_whatsapp_number(p_phone_number_id text) RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
    AS $$ SELECT id FROM dealerships WHERE whatsapp_phone_number_id = p_phone_number_id $$;
REVOKE ALL ON FUNCTION app_dealership_for_whatsapp_number(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_dealership_for_whatsapp_number(text) TO dealdesk_app;

-- The outbox sender serves every dealership but claims its work under each one's tenant: this tells it which
-- dealerships have unsent messages (ids only, from the outbox's partial index) and the Cloud API number they send from.
CREATE FUNCTION app_whatsapp_outbox_dealerships() RETURNS TABLE (dealership_id uuid, phone_number_id text)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
    AS $$
    SELECT d.id, d.whatsapp_phone_number_id FROM dealerships d
    WHERE EXISTS (SELECT 1 FROM messages m WHERE m.dealership_id = d.id AND m.status IN ('queued', 'sending'))
    $$;
REVOKE ALL ON FUNCTION app_whatsapp_outbox_dealerships() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_whatsapp_outbox_dealerships() TO dealdesk_app;

-- The ownership probe learns the lead tables, so a foreign lead or conversation is a 403, a missing one a 404.
CREATE OR REPLACE FUNCTION app_belongs_to_other_dealership(entity text, row_id uuid) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public
    AS $$
DECLARE owner_id uuid;
BEGIN
    IF entity NOT IN ('customers', 'vehicles', 'users', 'deals', 'pricing_scenarios', 'quick_quotes',
                      'leads', 'conversations', 'messages') THEN
        RAISE EXCEPTION 'app_belongs_to_other_dealership: unknown entity %', entity;
    END IF;
    EXECUTE format('SELECT dealership_id FROM %I WHERE id = $1', entity) INTO owner_id USING row_id;
    RETURN owner_id IS NOT NULL AND owner_id IS DISTINCT FROM app_current_dealership();
END $$;
