using System.Net;
using System.Net.Sockets;
using IpPlatform.Kernel.Files;
using Microsoft.Extensions.Options;

namespace IpPlatform.Web.Tests.Uploads;

/// <summary>The INSTREAM client against the clamd ./ipp test starts, and against scanners that fail in the ways they do.</summary>
public sealed class ClamAvScannerTests
{
    private static ClamAvScanner Scanner(string? host = null, int? port = null, long? streamMaxLength = null, int? timeoutSeconds = null)
    {
        var options = new ClamAvOptions { Host = host ?? Clamd.Address.Host, Port = port ?? Clamd.Address.Port };
        options.StreamMaxLength = streamMaxLength ?? options.StreamMaxLength;
        options.TimeoutSeconds = timeoutSeconds ?? options.TimeoutSeconds;
        return new ClamAvScanner(Options.Create(options));
    }

    [Fact]
    public async Task Clean_content_is_clean_and_the_EICAR_string_is_found_wherever_it_is_in_a_stream_of_many_chunks()
    {
        (await Scanner().ScanAsync(new MemoryStream(TestData.Pdf), TestContext.Current.CancellationToken)).ShouldBe(ScanVerdict.Clean);

        // 300 KB before it: the stream crosses several chunks.
        var large = new byte[300 * 1024];
        new Random(7).NextBytes(large);
        var verdict = await Scanner().ScanAsync(new MemoryStream([.. large, .. Clamd.Eicar]), TestContext.Current.CancellationToken);

        verdict.Result.ShouldBe(ScanResult.Infected);
        verdict.Signature.ShouldBe(Clamd.Signature + ".UNOFFICIAL");
    }

    [Fact]
    public async Task Content_beyond_StreamMaxLength_is_not_sent_and_gets_no_verdict()
    {
        var scanner = Scanner(streamMaxLength: 1024);

        (await scanner.ScanAsync(new MemoryStream(new byte[1025]), TestContext.Current.CancellationToken)).Result.ShouldBe(ScanResult.TooLarge);
        // A stream of unknown length is counted as it is sent.
        (await scanner.ScanAsync(new UnknownLength(new byte[4096]), TestContext.Current.CancellationToken)).Result.ShouldBe(ScanResult.TooLarge);
        (await scanner.ScanAsync(new UnknownLength(TestData.Pdf), TestContext.Current.CancellationToken)).ShouldBe(ScanVerdict.Clean);
    }

    [Fact]
    public async Task A_scanner_that_is_down_or_never_answers_gives_no_verdict()
    {
        var down = await Scanner(host: "127.0.0.1", port: Clamd.DeadPort()).ScanAsync(new MemoryStream(TestData.Pdf), TestContext.Current.CancellationToken);
        down.Result.ShouldBe(ScanResult.Failed);
        down.Problem.ShouldContain("ConnectionRefused");

        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepting = silent.AcceptSocketAsync(TestContext.Current.CancellationToken);
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var mute = await Scanner(host: "127.0.0.1", port: port, timeoutSeconds: 1).ScanAsync(new MemoryStream(TestData.Pdf), TestContext.Current.CancellationToken);
        mute.Result.ShouldBe(ScanResult.Failed);
        mute.Problem.ShouldContain("no answer");
        (await accepting).Dispose();
    }

    [Theory]
    [InlineData("stream: OK", ScanResult.Clean, null)]
    [InlineData("stream: Win.Test.EICAR_HDB-1 FOUND", ScanResult.Infected, "Win.Test.EICAR_HDB-1")]
    [InlineData("INSTREAM size limit exceeded. ERROR", ScanResult.Failed, null)]
    [InlineData("stream: Can't allocate memory ERROR", ScanResult.Failed, null)]
    [InlineData("", ScanResult.Failed, null)]
    public void Replies_are_read_as_clamd_writes_them(string reply, ScanResult result, string? signature)
    {
        var verdict = ClamAvScanner.Interpret(reply);

        verdict.Result.ShouldBe(result);
        verdict.Signature.ShouldBe(signature);
    }

    /// <summary>A stream that cannot tell its length (as a request body may not).</summary>
    private sealed class UnknownLength(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
    }
}
