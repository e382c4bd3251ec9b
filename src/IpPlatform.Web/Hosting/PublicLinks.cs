using Microsoft.Extensions.Options;

namespace IpPlatform.Web.Hosting;

/// <summary>
/// Absolute links for mail (password reset, invitations, new staff accounts). They are built from Platform:PublicUrl,
/// never from the request's Host header, which a client can forge to have a genuine mail point at its own server.
/// Only development falls back to the request's host.
/// </summary>
public sealed class PublicLinks(IOptions<PlatformOptions> options, IHttpContextAccessor http, IHostEnvironment environment) : IpPlatform.Kernel.Notifications.IAbsoluteLinks
{
    public string Absolute(string pathAndQuery)
    {
        var root = options.Value.PublicUrl;
        if (string.IsNullOrWhiteSpace(root))
        {
            var request = http.HttpContext?.Request;
            if (!environment.IsDevelopment() || request is null)
            {
                throw new InvalidOperationException(MissingMessage);
            }

            root = $"{request.Scheme}://{request.Host}{request.PathBase}";
        }

        return root.TrimEnd('/') + pathAndQuery;
    }

    public const string MissingMessage =
        "未配置 Platform:PublicUrl（平台对外地址，如 https://ip.ln.gov.cn），无法生成邮件中的链接。 Set Platform__PublicUrl.";
}
