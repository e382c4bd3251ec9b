using System.Text;
using System.Text.RegularExpressions;

namespace IpPlatform.Testing;

/// <summary>Reads the .eml files System.Net.Mail writes: headers as is, a base64 or quoted-printable UTF-8 body decoded.</summary>
public static partial class MailText
{
    [GeneratedRegex(@"\r?\n\r?\n")]
    private static partial Regex BlankLine();

    public static string Decode(string eml)
    {
        var parts = BlankLine().Split(eml, 2);
        var headers = parts[0];
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
