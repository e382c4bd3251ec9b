using System.Text;
using System.Text.RegularExpressions;

namespace IpPlatform.Testing;

/// <summary>Reads the .eml files System.Net.Mail writes: headers as is, a base64 or quoted-printable UTF-8 body decoded.</summary>
public static partial class MailText
{
    [GeneratedRegex(@"\r?\n\r?\n")]
    private static partial Regex BlankLine();

    /// <summary>An RFC 2047 encoded word (UTF-8, base64 or Q), with the folding whitespace between adjacent words.</summary>
    [GeneratedRegex(@"=\?utf-8\?([BbQq])\?([^?]*)\?=(?:\r?\n?[ \t]+(?==\?utf-8\?))?", RegexOptions.IgnoreCase)]
    private static partial Regex EncodedWord();

    public static string Decode(string eml)
    {
        var parts = BlankLine().Split(eml, 2);
        // Encoded words of one header are decoded as one byte sequence (a character may straddle two words).
        var headers = Regex.Replace(parts[0], @"(?:=\?utf-8\?[BbQq]\?[^?]*\?=(?:\r?\n?[ \t]+)?)+", run =>
        {
            var bytes = new List<byte>();
            foreach (Match word in EncodedWord().Matches(run.Value))
            {
                bytes.AddRange(word.Groups[1].Value is "B" or "b"
                    ? Convert.FromBase64String(word.Groups[2].Value)
                    : Encoding.UTF8.GetBytes(DecodeQuotedPrintable(word.Groups[2].Value.Replace('_', ' '))));
            }

            return Encoding.UTF8.GetString([.. bytes]);
        }, RegexOptions.IgnoreCase);
        var body = parts.Length > 1 ? parts[1] : "";
        if (headers.Contains("Content-Transfer-Encoding: base64", StringComparison.OrdinalIgnoreCase))
        {
            body = Encoding.UTF8.GetString(Convert.FromBase64String(Regex.Replace(body, @"\s", "")));
        }
        else if (headers.Contains("Content-Transfer-Encoding: quoted-printable", StringComparison.OrdinalIgnoreCase))
        {
            body = DecodeQuotedPrintable(body);
        }

        return headers + "\n\n" + body;
    }

    private static string DecodeQuotedPrintable(string text)
    {
        text = Regex.Replace(text, "=\r?\n", "");
        var bytes = new List<byte>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
