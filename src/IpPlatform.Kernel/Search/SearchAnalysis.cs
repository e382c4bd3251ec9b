using System.Globalization;
using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Util;

namespace IpPlatform.Kernel.Search;

/// <summary>
/// How text is cut into terms. Every text field is indexed twice: with SmartCn (words: 知识|产权, for ranking) and as a
/// unigram copy (one term per Chinese character, ASCII words and numbers whole, for recall: a single character, a
/// partial 文号 or "PCT" still match). 文号 and credit codes are also kept whole as normalized keys, so one typed whole
/// finds its item. All analyzers are thread-safe singletons.
/// </summary>
public static class SearchAnalysis
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>The suffix of a field's unigram copy.</summary>
    public const string GramSuffix = "_g";

    public static readonly Analyzer Smart = new SmartChineseAnalyzer(Version);

    /// <summary>
    /// The recall copy as indexed: every Chinese character, and every pair of neighbouring characters at the position of its
    /// first (so a phrase of pairs matches); ASCII words and numbers whole.
    /// </summary>
    public static readonly Analyzer Gram = Analyzer.NewAnonymous((_, reader) => Chain(reader, unigrams: true));

    /// <summary>
    /// The recall copy as queried: pairs only, so a phrase of two or more characters is matched through pairs, which are far
    /// rarer than single characters (in policy texts 专 and 利 are everywhere); a lone character is still itself.
    /// </summary>
    public static readonly Analyzer GramQuery = Analyzer.NewAnonymous((_, reader) => Chain(reader, unigrams: false));

    private static TokenStreamComponents Chain(TextReader reader, bool unigrams)
    {
        var source = new StandardTokenizer(Version, reader) { MaxTokenLength = 255 };
        TokenStream stream = new CJKWidthFilter(source);
        stream = new LowerCaseFilter(Version, stream);
        stream = new CJKBigramFilter(stream, CJKScript.ALL, unigrams);
        return new TokenStreamComponents(source, stream);
    }

    /// <summary>For indexing: SmartCn by default, the unigram analyzer for every "*_g" field.</summary>
    public static Analyzer ForFields(IEnumerable<string> textFields) =>
        new PerFieldAnalyzerWrapper(Smart, textFields.ToDictionary(f => f + GramSuffix, _ => Gram));

    /// <summary>
    /// A 文号 or credit code as a key: full-width folded, upper case, letters and digits only — 辽知发〔2024〕12号,
    /// 辽知发[2024]12号 and "辽知发 〔2024〕 12号" are one key. At most 200 characters (Lucene refuses immense terms).
    /// </summary>
    public static string Key(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var folded = text.Normalize(NormalizationForm.FormKC).ToUpper(CultureInfo.InvariantCulture);
        var key = new StringBuilder(folded.Length);
        foreach (var ch in folded.Where(char.IsLetterOrDigit))
        {
            key.Append(ch);
        }

        return key.Length > 200 ? key.ToString(0, 200) : key.ToString();
    }
}
