namespace IpPlatform.Identity.Organisations;

/// <summary>Why a 统一社会信用代码 was refused.</summary>
public enum CreditCodeProblem
{
    None,
    Empty,
    WrongLength,
    IllegalCharacter,

    /// <summary>Position 17, the GB 11714 check of the organisation code (positions 9–16), does not match.</summary>
    OrganisationCodeCheck,

    /// <summary>Position 18, the GB 32100-2015 check character, does not match. Real early pilot codes do this.</summary>
    CheckCharacter,
}

public sealed record CreditCodeResult(string Normalized, CreditCodeProblem Problem, string? Message)
{
    public bool IsValid => Problem == CreditCodeProblem.None;

    /// <summary>A checksum failure (not a malformed code): staff may accept it with a recorded reason.</summary>
    public bool MayBeOverridden => Problem is CreditCodeProblem.CheckCharacter or CreditCodeProblem.OrganisationCodeCheck;
}

/// <summary>
/// 统一社会信用代码 (GB 32100-2015): 18 characters from 0-9 and the capital letters without I, O, S, V, Z.
/// Positions 9–17 are the organisation code of GB 11714, whose 9th character checks the first 8;
/// position 18 checks positions 1–17.
/// </summary>
public static class CreditCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    private static readonly int[] OrganisationCodeWeights = [3, 7, 9, 10, 5, 8, 4, 2];

    public static CreditCodeResult Check(string? input)
    {
        var code = (input ?? "").Trim().ToUpperInvariant();
        if (code.Length == 0)
        {
            return Fail(code, CreditCodeProblem.Empty, "请填写统一社会信用代码");
        }

        if (code.Length != 18)
        {
            return Fail(code, CreditCodeProblem.WrongLength, $"统一社会信用代码应为18位，您填写了{code.Length}位");
        }

        for (var i = 0; i < 18; i++)
        {
            if (Alphabet.IndexOf(code[i]) < 0)
            {
                return Fail(code, CreditCodeProblem.IllegalCharacter,
                    $"第{i + 1}位“{code[i]}”不是统一社会信用代码使用的字符（只用数字和除 I、O、S、V、Z 以外的大写字母）");
            }
        }

        var expected17 = OrganisationCodeCheckCharacter(code.AsSpan(8, 8));
        if (code[16] != expected17)
        {
            return Fail(code, CreditCodeProblem.OrganisationCodeCheck,
                $"第17位（组织机构代码校验码）应为“{expected17}”，您填写的是“{code[16]}”，请核对第9至17位");
        }

        var expected18 = CheckCharacter(code.AsSpan(0, 17));
        if (code[17] != expected18)
        {
            return Fail(code, CreditCodeProblem.CheckCharacter,
                $"第18位（校验码）应为“{expected18}”，您填写的是“{code[17]}”，请逐位核对营业执照或登记证书上的代码");
        }

        return new CreditCodeResult(code, CreditCodeProblem.None, null);
    }

    /// <summary>C18 = 31 − (Σ value×weight mod 31), 31 → 0.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += Alphabet.IndexOf(first17[i]) * Weights[i];
        }

        return Alphabet[(31 - sum % 31) % 31];
    }

    /// <summary>GB 11714: C9 = 11 − (Σ value×weight mod 11); 10 → X, 11 → 0. Letters count A=10 … Z=35.</summary>
    public static char OrganisationCodeCheckCharacter(ReadOnlySpan<char> first8)
    {
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            var c = first8[i];
            sum += (char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10) * OrganisationCodeWeights[i];
        }

        return (11 - sum % 11) switch
        {
            10 => 'X',
            11 => '0',
            var v => (char)('0' + v),
        };
    }

    private static CreditCodeResult Fail(string code, CreditCodeProblem problem, string message) => new(code, problem, message);
}
