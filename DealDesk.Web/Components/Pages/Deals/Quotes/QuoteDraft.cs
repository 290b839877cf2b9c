using DealDesk.Data.Errors;
using DealDesk.Data.Quotes;

namespace DealDesk.Web.Components.Pages.Deals.Quotes;

/// <summary>
/// One quote as the editor holds it: the version it was loaded at (<see cref="Base"/>), what the salesperson has typed
/// since (<see cref="Input"/>, <see cref="Name"/>), and the server-side figures of that (recomputed on every change with
/// the dealership's rules, on the circuit; nothing is saved until Save). A colleague's newer version waits in
/// <see cref="Incoming"/> while there are unsaved changes. The workspace keeps one per opened tab, so switching tabs
/// loses nothing.
/// </summary>
public sealed class QuoteDraft
{
    private readonly QuoteValidator validator;

    public QuoteDraft(QuoteView loaded, QuoteSettings settings)
    {
        Settings = settings;
        Rules = new QuoteTaxRules(settings.TaxRate, settings.TradeInReducesTaxable);
        validator = new QuoteValidator(Rules, settings.AllowedCurrencies);
        Base = loaded;
        Input = loaded.Input;
        Name = loaded.Name;
        Figures = loaded.Figures;
        Recalculate();
    }

    public QuoteSettings Settings { get; }
    public QuoteTaxRules Rules { get; }
    public QuoteView Base { get; private set; }
    public QuoteInput Input { get; private set; }
    public string Name { get; private set; }
    /// <summary>The figures of <see cref="Input"/>, or the last ones that could be computed while <see cref="IsStale"/>.</summary>
    public QuoteFigures Figures { get; private set; }
    public bool IsStale { get; private set; }
    /// <summary>The 3 × 3 grid for <see cref="Input"/> (null for cash, or while the input cannot be priced).</summary>
    public PaymentGrid? Grid { get; private set; }
    /// <summary>What is wrong with <see cref="Input"/> now: camelCase path → messages, as the save would report it.</summary>
    public IReadOnlyDictionary<string, string[]> Problems { get; private set; } = new Dictionary<string, string[]>();
    /// <summary>A colleague's newer version, heard while this draft had unsaved changes (the banner).</summary>
    public IncomingVersion? Incoming { get; set; }
    /// <summary>What happened to the draft without the salesperson doing it (a colleague's version adopted), shown once.</summary>
    public string? Notice { get; set; }
    /// <summary>Set while a save or state change of this quote is in flight: notifications heard then are checked after it.</summary>
    public bool Busy { get; set; }
    /// <summary>The newest version a notification announced while <see cref="Busy"/>.</summary>
    public long? HeardWhileBusy { get; set; }

    /// <summary>The vehicle's cost, known to the figures only as price − gross (null while unknown).</summary>
    public decimal? VehicleCost => Base.Figures.FrontGross is { } gross ? Base.Figures.SellingPrice - gross : null;

    /// <summary>Only what differs from <see cref="Base"/>: the fields this editor changed.</summary>
    public QuotePatch Patch => QuotePatch.Between(Base.Input, Input, Base.Name, Name);
    public bool IsDirty => Patch.Fields.Count > 0;
    /// <summary>Inputs are frozen for SENT/ACCEPTED (and CANCELLED) quotes; the name stays editable (a rename).</summary>
    public bool IsReadOnly => !Base.AllowedActions.Contains(QuoteAction.Edit);

    public void Edit(Func<QuoteInput, QuoteInput> change)
    {
        Input = change(Input);
        Recalculate();
    }

    public void Rename(string name) => Name = name;

    /// <summary>The quote as the server now has it (after a save, or a colleague's save adopted): no unsaved changes left.</summary>
    public void Reset(QuoteView view)
    {
        Base = view;
        Input = view.Input;
        Name = view.Name;
        Figures = view.Figures;
        Incoming = null;
        Recalculate();
    }

    /// <summary>
    /// "Take theirs and re-apply my changes": <paramref name="theirs"/> becomes the base, with the fields this editor
    /// changed applied on top, for review; nothing is saved.
    /// </summary>
    public void Rebase(QuoteView theirs)
    {
        var mine = Patch;
        Base = theirs;
        Input = mine.ApplyTo(theirs.Input) with { Expected = null };
        Name = mine.Name.IsSet ? mine.Name.Value ?? "" : theirs.Name;
        Incoming = null;
        Recalculate();
    }

    /// <summary>Applies a grid cell: its term and down payment (a lease's due at signing gives way to the down payment).</summary>
    public void ApplyCell(int termMonths, decimal downPayment) =>
        Edit(i => i with { TermMonths = termMonths, DownPayment = downPayment, DueAtSigning = null });

    private void Recalculate()
    {
        var result = validator.Validate(Input);
        Problems = result.Errors.GroupBy(e => Validation.CamelPath(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());
        if (!result.IsValid)
        {
            IsStale = true;
            Grid = null;
            return;
        }
        try
        {
            Figures = QuoteCalculator.Compute(Input, Rules, VehicleCost);
            IsStale = false;
            Grid = Input.Kind == QuoteKind.Cash ? null : PaymentGrid.Build(Input, Rules, Settings.DownPaymentStep);
        }
        catch (DealDeskException ex)
        {
            IsStale = true;
            Grid = null;
            if (ex.Error.Details?.GetValueOrDefault("fields") is IReadOnlyDictionary<string, string[]> fields) Problems = fields;
        }
    }
}

/// <summary>A colleague's save heard while the editor had unsaved changes: who, when, which fields, and their version.</summary>
public sealed record IncomingVersion(QuoteView Theirs, IReadOnlyList<string> Fields);
