using System.Diagnostics;

namespace IpPlatform.Web.Hosting;

public static class RequestIds
{
    /// <summary>The id shown to users and carried by every log line of the request (the trace id).</summary>
    public static string Of(HttpContext context) => Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
}
