// The bare server of bench/run: `dotnet BareBench.dll BODY HEADERS` answers GET / with the bytes of BODY and the headers
// listed in HEADERS ("Name: value" lines, as curl -D writes them; the status line, Date, Server and the framing headers
// are left to Kestrel). An ASP.NET Core app as the default builder makes it (Kestrel, logging, routing) with one endpoint
// and no middleware of its own: what the platform's cached pages could reach at best on this machine.
var body = File.ReadAllBytes(args[0]);
var headers = File.ReadAllLines(args[1])
    .Select(line => line.Split(':', 2))
    .Where(parts => parts.Length == 2)
    .Select(parts => (Name: parts[0].Trim(), Value: parts[1].Trim()))
    .Where(h => !new[] { "Date", "Server", "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive" }
        .Contains(h.Name, StringComparer.OrdinalIgnoreCase))
    .ToArray();

var app = WebApplication.CreateBuilder().Build(); // as the platform builds its host: the same Kestrel defaults
app.MapGet("/", (HttpContext context) =>
{
    foreach (var (name, value) in headers)
    {
        context.Response.Headers[name] = value;
    }

    context.Response.ContentLength = body.Length;
    return context.Response.Body.WriteAsync(body).AsTask();
});
app.Run();
