using System.Security.Cryptography;
using System.Text;
using Isopoh.Cryptography.Argon2;
using Microsoft.AspNetCore.Identity;

namespace IpPlatform.Identity.Accounts;

/// <summary>The cost of an argon2id hash: memory in KiB, passes over it, lanes.</summary>
public sealed record Argon2Parameters(int MemoryKib, int Iterations, int Parallelism)
{
    /// <summary>OWASP's Password Storage Cheat Sheet: argon2id with m = 19 MiB, t = 2, p = 1 — what every password is hashed with.</summary>
    public static Argon2Parameters Owasp { get; } = new(19_456, 2, 1);

    /// <summary>Whether a hash made with these parameters is weaker than one made with <paramref name="required"/>.</summary>
    public bool WeakerThan(Argon2Parameters required) => MemoryKib < required.MemoryKib || Iterations < required.Iterations;
}

/// <summary>
/// Passwords hashed with argon2id (<see cref="Argon2Parameters.Owasp"/>, a 128-bit salt, a 256-bit hash) as standard
/// <c>$argon2id$v=19$m=19456,t=2,p=1$salt$hash</c> strings. Hashes of ASP.NET Core Identity's PBKDF2 formats (what the
/// platform stored before) and argon2 hashes of weaker parameters or another variant still verify, and answer
/// <see cref="PasswordVerificationResult.SuccessRehashNeeded"/>: Identity's sign-in then stores a new hash.
/// </summary>
/// <remarks>
/// Each hash takes 19 MiB for its duration; at most one per processor core is computed at a time (the rest wait), so a
/// burst of sign-ins costs time, not memory.
/// </remarks>
public sealed class Argon2PasswordHasher(Argon2Parameters parameters) : IPasswordHasher<PlatformUser>
{
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    private static readonly SemaphoreSlim Slots = new(Environment.ProcessorCount);
    private static readonly PasswordHasher<PlatformUser> Pbkdf2 = new();

    public Argon2PasswordHasher() : this(Argon2Parameters.Owasp)
    {
    }

    public string HashPassword(PlatformUser user, string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var config = Config(password);
        config.Type = Argon2Type.HybridAddressing;   // argon2id
        config.Version = Argon2Version.Nineteen;
        (config.MemoryCost, config.TimeCost, config.Lanes, config.Threads) =
            (parameters.MemoryKib, parameters.Iterations, parameters.Parallelism, parameters.Parallelism);
        config.Salt = RandomNumberGenerator.GetBytes(SaltBytes);
        config.HashLength = HashBytes;
        return OneAtATimePerCore(() => Argon2.Hash(config));
    }

    public PasswordVerificationResult VerifyHashedPassword(PlatformUser user, string hashedPassword, string providedPassword)
    {
        ArgumentNullException.ThrowIfNull(hashedPassword);
        ArgumentNullException.ThrowIfNull(providedPassword);
        if (!hashedPassword.StartsWith("$argon2", StringComparison.Ordinal))
        {
            // Identity's V2/V3 (PBKDF2) formats; anything else fails there.
            return Pbkdf2.VerifyHashedPassword(user, hashedPassword, providedPassword) == PasswordVerificationResult.Failed
                ? PasswordVerificationResult.Failed
                : PasswordVerificationResult.SuccessRehashNeeded;
        }

        // Verify decodes the string into the config: type, version and parameters are read back from it.
        var config = Config(providedPassword);
        try
        {
            if (!OneAtATimePerCore(() => Argon2.Verify(hashedPassword, config)))
            {
                return PasswordVerificationResult.Failed;
            }
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            return PasswordVerificationResult.Failed;   // a damaged hash string
        }

        var stored = new Argon2Parameters(config.MemoryCost, config.TimeCost, config.Lanes);
        return config.Type != Argon2Type.HybridAddressing || config.Version != Argon2Version.Nineteen || stored.WeakerThan(parameters)
            ? PasswordVerificationResult.SuccessRehashNeeded
            : PasswordVerificationResult.Success;
    }

    private static Argon2Config Config(string password) => new() { Password = Encoding.UTF8.GetBytes(password), Threads = 1 };

    private static T OneAtATimePerCore<T>(Func<T> work)
    {
        Slots.Wait();
        try
        {
            return work();
        }
        finally
        {
            Slots.Release();
        }
    }
}
