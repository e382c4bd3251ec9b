using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.Extensions.DependencyInjection;

namespace IpPlatform.Testing;

/// <summary>
/// Answers "where would this request land?" without doing what it asks. A request carrying <see cref="Header"/> goes
/// through the real pipeline — routing, authentication, authorization, antiforgery, page handler selection and model
/// binding — and stops just before the handler would run: a Razor page answers which handler was selected and which of
/// its required parameters no route value, query or form field supplies; any other endpoint answers its name instead of
/// running. Registered in test hosts only.
/// </summary>
public static class FormTargetProbe
{
    public const string Header = "X-Form-Probe";

    /// <param name="Kind">"page" or "endpoint".</param>
    /// <param name="Handler">For a page: the selected handler ("POST" + name), or null when none exists for the request.</param>
    /// <param name="Missing">Required handler parameters that nothing in the request supplies.</param>
    public sealed record Answer(string Kind, string Target, string? Handler, IReadOnlyList<string> Missing);

    public static void AddTo(IServiceCollection services)
    {
        services.AddSingleton<MatcherPolicy, EndpointProbe>();
        services.Configure<MvcOptions>(o => o.Filters.Add(new PageProbe()));
    }

    private static bool Probing(HttpContext context) => context.Request.Headers.ContainsKey(Header);

    /// <summary>Runs last among the matcher policies: a chosen non-page endpoint is swapped for one that only names it.</summary>
    private sealed class EndpointProbe : MatcherPolicy, IEndpointSelectorPolicy
    {
        public override int Order => int.MaxValue;

        public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) => true;

        public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
        {
            if (!Probing(httpContext))
            {
                return Task.CompletedTask;
            }

            for (var i = 0; i < candidates.Count; i++)
            {
                var endpoint = candidates[i].Endpoint;
                if (candidates.IsValidCandidate(i) && endpoint.Metadata.GetMetadata<PageActionDescriptor>() is null)
                {
                    var name = endpoint.DisplayName ?? "(unnamed)";
                    candidates.ReplaceEndpoint(i, new Endpoint(
                        c => c.Response.WriteAsJsonAsync(new Answer("endpoint", name, null, [])), EndpointMetadataCollection.Empty, "probe:" + name),
                        candidates[i].Values);
                }
            }

            return Task.CompletedTask;
        }
    }

    private sealed class PageProbe : IAsyncPageFilter
    {
        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
        {
            if (!Probing(context.HttpContext))
            {
                await next();
                return;
            }

            var request = context.HttpContext.Request;
            var handler = context.HandlerMethod;
            var missing = new List<string>();
            foreach (var parameter in handler?.Parameters ?? [])
            {
                var type = parameter.ParameterType;
                // bool: an unticked checkbox sends nothing and means false; a CancellationToken comes from the request itself.
                if (!type.IsValueType || Nullable.GetUnderlyingType(type) is not null || parameter.ParameterInfo.HasDefaultValue
                    || type == typeof(bool) || type == typeof(CancellationToken))
                {
                    continue;
                }

                var name = parameter.BindingInfo?.BinderModelName ?? parameter.Name;
                if (!context.RouteData.Values.ContainsKey(name) && !request.Query.ContainsKey(name)
                    && !(request.HasFormContentType && request.Form.ContainsKey(name)))
                {
                    missing.Add(name);
                }
            }

            context.Result = new JsonResult(new Answer(
                "page", context.ActionDescriptor.ViewEnginePath, handler is null ? null : handler.HttpMethod + (handler.Name ?? ""), missing));
        }
    }
}
