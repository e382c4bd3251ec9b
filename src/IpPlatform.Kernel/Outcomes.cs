namespace IpPlatform.Kernel;

/// <summary>Problems found by a service, keyed by the input field they belong to ("" for the form as a whole).</summary>
public sealed class FieldErrors
{
    private readonly List<(string Field, string Message)> _errors = [];

    public IReadOnlyList<(string Field, string Message)> All => _errors;

    public bool Any => _errors.Count > 0;

    public FieldErrors Add(string field, string message)
    {
        _errors.Add((field, message));
        return this;
    }

    public static FieldErrors Of(string field, string message) => new FieldErrors().Add(field, message);
}

/// <summary>The outcome of an operation that may be refused for reasons the user can fix.</summary>
public sealed record Outcome<T>(T? Value, FieldErrors Errors)
{
    public bool Succeeded => !Errors.Any;

    public static Outcome<T> Ok(T value) => new(value, new FieldErrors());

    public static Outcome<T> Fail(FieldErrors errors) => new(default, errors);

    public static Outcome<T> Fail(string field, string message) => new(default, FieldErrors.Of(field, message));
}
