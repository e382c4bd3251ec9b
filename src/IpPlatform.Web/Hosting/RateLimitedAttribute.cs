namespace IpPlatform.Web.Hosting;

/// <summary>
/// Marks a page (or an endpoint, as metadata) whose POSTs are limited in rate as <see cref="Action"/>: all of its POST
/// handlers, or only those named (<c>[RateLimited(LimitedAction.Upload, "Attach")]</c>). Uploads count only
/// multipart posts, the only way a file arrives. Limits: <see cref="RateLimitOptions"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class RateLimitedAttribute(LimitedAction action, params string[] handlers) : Attribute
{
    public LimitedAction Action { get; } = action;

    public IReadOnlyList<string> Handlers { get; } = handlers;

    public bool Applies(HttpContext http)
    {
        var request = http.Request;
        if (!HttpMethods.IsPost(request.Method))
        {
            return false;
        }

        if (Handlers.Count > 0)
        {
            // Razor Pages take the handler from the route ("/applications/{id}/Attach"), else from the query (?handler=Invite).
            var handler = http.GetRouteValue("handler") as string ?? request.Query["handler"].ToString();
            if (!Handlers.Contains(handler, StringComparer.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return Action != LimitedAction.Upload
               || request.ContentType?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) == true;
    }
}
