using System.Security.Cryptography;

namespace IpPlatform.Identity.Accounts;

/// <summary>RFC 6238 codes (HMAC-SHA1, 30 s, 6 digits) and the otpauth URI authenticator apps read.</summary>
public static class Totp
{
    private const string Base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string Code(string base32Key, DateTimeOffset at)
    {
        var counter = at.ToUnixTimeSeconds() / 30;
        Span<byte> message = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(message, counter);
        var hash = HMACSHA1.HashData(Base32Decode(base32Key), message);
        var offset = hash[^1] & 0x0F;
        var value = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (value % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    public static string OtpAuthUri(string issuer, string account, string base32Key) =>
        $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(account)}?secret={base32Key}&issuer={Uri.EscapeDataString(issuer)}&digits=6&period=30";

    /// <summary>The key in groups of four, as people type it into an app.</summary>
    public static string Grouped(string base32Key) =>
        string.Join(' ', Enumerable.Range(0, (base32Key.Length + 3) / 4).Select(i => base32Key.Substring(i * 4, Math.Min(4, base32Key.Length - i * 4))));

    public static byte[] Base32Decode(string input)
    {
        var clean = input.Trim().TrimEnd('=').Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var output = new byte[clean.Length * 5 / 8];
        int buffer = 0, bits = 0, index = 0;
        foreach (var c in clean)
        {
            var value = Base32Alphabet.IndexOf(c);
            if (value < 0)
            {
                throw new FormatException($"“{c}”不是 Base32 字符");
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                output[index++] = (byte)(buffer >> (bits - 8));
                bits -= 8;
            }
        }

        return output;
    }
}
