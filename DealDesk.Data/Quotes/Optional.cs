namespace DealDesk.Data.Quotes;

/// <summary>
/// A patch field: either not sent (<see cref="IsSet"/> false, the stored value stays) or a value, which may itself be
/// null (clearing a lease's due at signing). <c>Optional&lt;decimal&gt; price = 30_000m;</c> converts implicitly.
/// </summary>
public readonly struct Optional<T>
{
    readonly T _value;

    public Optional(T value)
    {
        _value = value;
        IsSet = true;
    }

    public bool IsSet { get; }

    public T Value => IsSet ? _value : throw new InvalidOperationException("The field was not sent.");

    /// <summary>The value when set, else <paramref name="current"/>.</summary>
    public T Or(T current) => IsSet ? _value : current;

    public static implicit operator Optional<T>(T value) => new(value);

    public override string ToString() => IsSet ? $"{_value}" : "(not set)";
}

public static class Optional
{
    public static Optional<T> Of<T>(T value) => new(value);
}
