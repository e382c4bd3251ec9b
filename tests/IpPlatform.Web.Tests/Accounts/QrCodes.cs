using System.Text.RegularExpressions;
using ZXing.Common;
using ZXing.QrCode.Internal;

namespace IpPlatform.Web.Tests.Accounts;

/// <summary>
/// Reads a QR code drawn as SVG the way a phone's camera would read it: the dark modules are taken from the drawing's
/// geometry and decoded by ZXing (a decoder independent of the library that drew it).
/// </summary>
public static partial class QrCodes
{
    public static string Decode(string svg)
    {
        var size = int.Parse(ViewBox().Match(svg).Groups[1].Value);
        var dark = new bool[size, size];
        foreach (Match run in Runs().Matches(Path().Match(svg).Groups[1].Value))
        {
            var (x, y, width) = (int.Parse(run.Groups[1].Value), int.Parse(run.Groups[2].Value), int.Parse(run.Groups[3].Value));
            for (var i = 0; i < width; i++)
            {
                dark[x + i, y] = true;
            }
        }

        // Strip the quiet zone: the top-left finder pattern starts where the first dark module is.
        var quiet = Enumerable.Range(0, size).First(i => Enumerable.Range(0, size).Any(j => dark[i, j]));
        var modules = size - 2 * quiet;
        var matrix = new BitMatrix(modules);
        for (var x = 0; x < modules; x++)
        {
            for (var y = 0; y < modules; y++)
            {
                if (dark[x + quiet, y + quiet])
                {
                    matrix[x, y] = true;
                }
            }
        }

        return new Decoder().decode(matrix, null)?.Text ?? throw new InvalidOperationException("not a readable QR code");
    }

    [GeneratedRegex("viewBox=\"0 0 (\\d+) \\d+\"")]
    private static partial Regex ViewBox();

    [GeneratedRegex("<path[^>]* d=\"([^\"]+)\"")]
    private static partial Regex Path();

    [GeneratedRegex("M(\\d+) (\\d+)h(\\d+)")]
    private static partial Regex Runs();
}
