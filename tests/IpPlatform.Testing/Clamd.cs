using System.Text;

namespace IpPlatform.Testing;

/// <summary>The clamd that ./ipp test starts (IPP_CLAMD=host:port; signatures from tests/clamav), and the EICAR test file it knows.</summary>
public static class Clamd
{
    public static (string Host, int Port) Address =>
        Environment.GetEnvironmentVariable("IPP_CLAMD") is { Length: > 0 } address && address.LastIndexOf(':') is var colon and > 0
            ? (address[..colon], int.Parse(address[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture))
            : throw new InvalidOperationException("IPP_CLAMD is not set: run the tests with ./ipp test, which starts clamd with the test signatures.");

    /// <summary>
    /// The EICAR anti-virus test string (harmless; every scanner knows it), put together here so that this source file
    /// itself is not reported by a scanner.
    /// </summary>
    public static readonly byte[] Eicar = Encoding.ASCII.GetBytes(string.Concat(@"X5O!P%@AP[4\PZX54(P^)7CC)7}$", "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"));

    /// <summary>The name clamd gives it (a signature of our own database: ClamAV marks it unofficial).</summary>
    public const string Signature = "Eicar-Test-Signature";

    /// <summary>A PDF (by its content, so the upload's type check would pass) with the EICAR string inside.</summary>
    public static byte[] InfectedPdf => [.. TestData.Pdf, .. Eicar, .. "\n%%EOF\n"u8];

    /// <summary>A loopback port on which nothing listens (a scanner that is down).</summary>
    public static int DeadPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
