using System.Text;
using IpPlatform.Identity.Organisations;

namespace IpPlatform.Testing;

/// <summary>Invented but valid credit codes, and small files of each kind, for tests.</summary>
public static class TestData
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static int _sequence;

    /// <summary>A fresh code for a Shenyang enterprise that passes both checks.</summary>
    public static string NewCreditCode(string region = "210100")
    {
        var n = Interlocked.Increment(ref _sequence) + Random.Shared.Next(0, 1_000_000) * 1000;
        var org8 = "MA" + ToAlphabet(n, 6);
        var first17 = "91" + region + org8 + CreditCode.OrganisationCodeCheckCharacter(org8);
        return first17 + CreditCode.CheckCharacter(first17);
    }

    /// <summary>The same code with a wrong 18th character: what an early pilot code looks like.</summary>
    public static string WithWrongCheckCharacter(string code) =>
        code[..17] + Alphabet[(Alphabet.IndexOf(code[17]) + 1) % Alphabet.Length];

    public static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0];

    public static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46, 0x49, 0x46, 0, 1, 0xFF, 0xD9];

    /// <summary>A text file named like a PDF.</summary>
    public static readonly byte[] NotReallyPdf = Encoding.UTF8.GetBytes("这不是PDF文件，只是改了扩展名。");

    private static string ToAlphabet(int value, int length)
    {
        var chars = new char[length];
        for (var i = length - 1; i >= 0; i--)
        {
            chars[i] = Alphabet[value % 31];
            value /= 31;
        }

        return new string(chars);
    }
}
