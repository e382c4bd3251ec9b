using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;

namespace IpPlatform.Kernel.Files;

/// <summary>What clamd said of a stream: clean, infected (with the signature's name), or no verdict (and why).</summary>
public sealed record ScanVerdict(ScanResult Result, string? Signature = null, string? Problem = null)
{
    public static readonly ScanVerdict Clean = new(ScanResult.Clean);

    public static ScanVerdict Infected(string signature) => new(ScanResult.Infected, Signature: signature);

    public static ScanVerdict Failed(string problem) => new(ScanResult.Failed, Problem: problem);

    public static ScanVerdict TooLarge(long maxLength) => new(ScanResult.TooLarge, Problem: $"larger than the scanner's StreamMaxLength ({maxLength} bytes)");
}

public enum ScanResult
{
    Clean,
    Infected,
    Failed,

    /// <summary>Larger than clamd accepts (<see cref="ClamAvOptions.StreamMaxLength"/>): not sent, not judged.</summary>
    TooLarge,
}

/// <summary>
/// A client of clamd's INSTREAM command over TCP: <c>zINSTREAM\0</c>, the content in chunks each prefixed by its length
/// (4 bytes, big-endian), a zero length to end, then one reply: <c>stream: OK</c>, <c>stream: NAME FOUND</c> or
/// <c>… ERROR</c>. One connection per scan; the whole exchange is bounded by <see cref="ClamAvOptions.TimeoutSeconds"/>.
/// </summary>
public sealed class ClamAvScanner(IOptions<ClamAvOptions> options)
{
    private const int ChunkSize = 64 * 1024;

    public bool Enabled => options.Value.Enabled;

    public long MaxLength => options.Value.StreamMaxLength;

    public async Task<ScanVerdict> ScanAsync(Stream content, CancellationToken ct = default)
    {
        var o = options.Value;
        if (content.CanSeek && content.Length - content.Position > o.StreamMaxLength)
        {
            return ScanVerdict.TooLarge(o.StreamMaxLength);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(o.TimeoutSeconds));
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(o.Host!, o.Port, timeout.Token);
            await using var stream = client.GetStream();
            var sent = await SendAsync(content, stream, o.StreamMaxLength, timeout.Token);
            if (!sent)
            {
                return ScanVerdict.TooLarge(o.StreamMaxLength);
            }

            return Interpret(await ReadReplyAsync(stream, timeout.Token));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return ScanVerdict.Failed($"no answer from clamd at {o.Host}:{o.Port} within {o.TimeoutSeconds} s");
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            return ScanVerdict.Failed($"clamd at {o.Host}:{o.Port}: {(ex as SocketException)?.SocketErrorCode.ToString() ?? ex.Message}");
        }
    }

    /// <summary>Sends the command and the content; false (nothing more sent) when the content exceeds <paramref name="maxLength"/>.</summary>
    private static async Task<bool> SendAsync(Stream content, NetworkStream stream, long maxLength, CancellationToken ct)
    {
        await stream.WriteAsync("zINSTREAM\0"u8.ToArray(), ct);
        var buffer = new byte[4 + ChunkSize];
        long total = 0;
        int read;
        while ((read = await content.ReadAsync(buffer.AsMemory(4, ChunkSize), ct)) > 0)
        {
            total += read;
            if (total > maxLength)
            {
                return false;
            }

            BinaryPrimitives.WriteUInt32BigEndian(buffer, (uint)read);
            await stream.WriteAsync(buffer.AsMemory(0, 4 + read), ct);
        }

        await stream.WriteAsync(new byte[4], ct);
        await stream.FlushAsync(ct);
        return true;
    }

    /// <summary>The reply up to its terminating NUL (or the end of the connection).</summary>
    private static async Task<string> ReadReplyAsync(NetworkStream stream, CancellationToken ct)
    {
        var reply = new MemoryStream();
        var buffer = new byte[256];
        int read;
        while (reply.Length < 4096 && (read = await stream.ReadAsync(buffer, ct)) > 0)
        {
            var end = Array.IndexOf(buffer, (byte)0, 0, read);
            reply.Write(buffer, 0, end < 0 ? read : end);
            if (end >= 0)
            {
                break;
            }
        }

        return Encoding.UTF8.GetString(reply.GetBuffer(), 0, (int)reply.Length).Trim();
    }

    /// <summary>clamd's reply to INSTREAM, without its terminating NUL.</summary>
    public static ScanVerdict Interpret(string reply)
    {
        var text = reply.StartsWith("stream: ", StringComparison.Ordinal) ? reply["stream: ".Length..] : reply;
        if (text == "OK")
        {
            return ScanVerdict.Clean;
        }

        if (text.EndsWith(" FOUND", StringComparison.Ordinal) && text.Length > " FOUND".Length)
        {
            return ScanVerdict.Infected(text[..^" FOUND".Length]);
        }

        return ScanVerdict.Failed(reply.Length == 0 ? "clamd closed the connection without an answer" : $"clamd answered “{reply}”");
    }
}
