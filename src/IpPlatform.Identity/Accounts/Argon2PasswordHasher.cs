using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using NSec.Cryptography;

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
/// PHC strings, <c>$argon2id$v=19$m=19456,t=2,p=1$salt$hash</c>, which any argon2 library verifies. The hash itself is
/// libsodium's (through NSec): native code, about a tenth of the time of a managed implementation. Hashes of ASP.NET Core
/// Identity's PBKDF2 formats (what the platform stored before) and argon2id hashes of weaker parameters still verify, and
/// answer <see cref="PasswordVerificationResult.SuccessRehashNeeded"/>: Identity's sign-in then stores a new hash.
/// Other argon2 variants, versions or lane counts, which the platform never wrote and libsodium does not compute, fail.
/// </summary>
/// <remarks>
/// Each hash takes its memory (19 MiB) for its duration; at most one per processor core is computed at a time (the rest
/// wait, sign-ins in order without holding a thread: <see cref="PasswordHashingTurns"/>), so a burst of sign-ins costs
/// time, not memory.
/// </remarks>
public sealed class Argon2PasswordHasher(Argon2Parameters parameters, PasswordHashingTurns turns) : IPasswordHasher<PlatformUser>
{
    private const string Prefix = "$argon2id$v=19$";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    private static readonly PasswordHasher<PlatformUser> Pbkdf2 = new();

    public Argon2PasswordHasher(Argon2Parameters parameters) : this(parameters, PasswordHashingTurns.Machine)
    {
    }

    public Argon2PasswordHasher() : this(Argon2Parameters.Owasp)
    {
    }

    public string HashPassword(PlatformUser user, string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Derive(turns, parameters, password, salt, HashBytes);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Prefix}m={parameters.MemoryKib},t={parameters.Iterations},p={parameters.Parallelism}${Unpadded(salt)}${Unpadded(hash)}");
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

        if (Parse(hashedPassword) is not var (stored, salt, expected))
        {
            return PasswordVerificationResult.Failed;   // another variant, a damaged string or parameters libsodium refuses
        }

        var actual = Derive(turns, stored, providedPassword, salt, expected.Length);
        if (!CryptographicOperations.FixedTimeEquals(actual, expected))
        {
            return PasswordVerificationResult.Failed;
        }

        return stored.WeakerThan(parameters) ? PasswordVerificationResult.SuccessRehashNeeded : PasswordVerificationResult.Success;
    }

    /// <summary>The parameters, salt and hash of an argon2id v19 PHC string with one lane, or null.</summary>
    private static (Argon2Parameters Parameters, byte[] Salt, byte[] Hash)? Parse(string phc)
    {
        if (!phc.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = phc[Prefix.Length..].Split('$');
        if (parts.Length != 3)
        {
            return null;
        }

        var cost = parts[0].Split(',');
        if (cost.Length != 3
            || !TryCost(cost[0], "m=", out var memory) || !TryCost(cost[1], "t=", out var passes) || !TryCost(cost[2], "p=", out var lanes)
            || lanes != 1 || memory < 8 || passes < 1
            || FromUnpadded(parts[1]) is not { Length: >= 8 } salt || FromUnpadded(parts[2]) is not { Length: >= 16 and <= 64 } hash)
        {
            return null;
        }

        return (new Argon2Parameters(memory, passes, lanes), salt, hash);
    }

    private static bool TryCost(string part, string name, out int value)
    {
        value = 0;
        return part.StartsWith(name, StringComparison.Ordinal)
            && int.TryParse(part.AsSpan(name.Length), NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static byte[] Derive(PasswordHashingTurns turns, Argon2Parameters cost, string password, byte[] salt, int length)
    {
        var algorithm = PasswordBasedKeyDerivationAlgorithm.Argon2id(new NSec.Cryptography.Argon2Parameters
        {
            DegreeOfParallelism = cost.Parallelism,
            MemorySize = cost.MemoryKib,
            NumberOfPasses = cost.Iterations,
        });
        // The password as UTF-8 bytes, as every other argon2 implementation takes it (NSec's string overload differs).
        var bytes = Encoding.UTF8.GetBytes(password);
        try
        {
            return turns.Compute(() => algorithm.DeriveBytes(bytes, salt, length));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private static string Unpadded(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static byte[]? FromUnpadded(string text)
    {
        var padded = text.PadRight(text.Length + (4 - text.Length % 4) % 4, '=');
        var buffer = new byte[padded.Length / 4 * 3];
        return Convert.TryFromBase64String(padded, buffer, out var written) ? buffer[..written] : null;
    }
}
