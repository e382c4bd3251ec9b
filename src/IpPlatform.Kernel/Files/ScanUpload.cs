using System.Text.Json.Nodes;
using IpPlatform.Kernel.Audit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IpPlatform.Kernel.Files;

/// <summary>
/// Scans an upload with ClamAV before the file store keeps it (when a scanner is configured). An infected file, or one
/// the scanner could not judge (down, timed out, answered an error, too large for it), is refused: the upload never
/// reaches the store unscanned. Each refusal is audited at once, apart from the caller's unit of work, which is not saved.
/// </summary>
public sealed class ScanUpload(ClamAvScanner scanner, IServiceScopeFactory scopes, ILogger<ScanUpload> logger)
{
    /// <exception cref="UploadRejectedException">The file is infected or could not be scanned.</exception>
    public async Task RunAsync(string path, string fileName, string sha256, long size, CancellationToken ct = default)
    {
        if (!scanner.Enabled)
        {
            return;
        }

        ScanVerdict verdict;
        await using (var content = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, useAsync: true))
        {
            verdict = await scanner.ScanAsync(content, ct);
        }

        if (verdict.Result == ScanResult.Clean)
        {
            return;
        }

        var details = new JsonObject { ["file"] = fileName, ["sha256"] = sha256, ["size"] = size };
        if (verdict.Result == ScanResult.Infected)
        {
            logger.LogWarning("Upload {FileName} ({Sha256}) refused: ClamAV found {Signature}", fileName, sha256, verdict.Signature);
            details["signature"] = verdict.Signature;
            await RecordAsync("upload.infected", details, ct);
            throw new UploadRejectedException(
                $"文件“{fileName}”中检测到病毒（{verdict.Signature}），已拒绝接收，文件未保存。请用杀毒软件检查清除后，重新上传干净的文件");
        }

        logger.LogError("Upload {FileName} refused: it could not be scanned ({Problem})", fileName, verdict.Problem);
        details["problem"] = verdict.Problem;
        await RecordAsync("upload.scan-failed", details, ct);
        if (verdict.Result == ScanResult.TooLarge)
        {
            throw new UploadRejectedException(
                $"文件“{fileName}”超过病毒扫描可接收的大小（{Size(scanner.MaxLength)}），无法完成扫描，未予接收，文件未保存。请压缩或拆分后重新上传");
        }

        throw new UploadRejectedException(
            $"病毒扫描服务暂时不可用，文件“{fileName}”未能完成病毒扫描；为安全起见，未经扫描的文件不予接收，文件未保存。请稍后重新上传；如持续出现，请联系平台管理员");
    }

    private static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 => $"{bytes / 1024 / 1024} MB",
        >= 1024 => $"{bytes / 1024} KB",
        _ => $"{bytes} 字节",
    };

    private async Task RecordAsync(string @event, JsonObject details, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AuditLog>().RecordAsync(@event, AuditOutcome.Denied, objectType: "upload", details: details, ct: ct);
    }
}
