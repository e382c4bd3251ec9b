using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using IpPlatform.Identity.Accounts;

namespace IpPlatform.Testing;

/// <summary>A page's answer: status, body, where it redirects, and its headers.</summary>
public sealed record PageResponse(HttpStatusCode Status, string Html, string? Location, HttpResponseHeaders? Headers = null)
{
    public bool RedirectsTo(string path) => Location is not null && Location.Split('?')[0].EndsWith(path, StringComparison.Ordinal);
}

/// <summary>
/// Drives the site as a browser without JavaScript does: keeps cookies, does not follow redirects, and posts forms
/// with the antiforgery token of the page they are on.
/// </summary>
public sealed partial class FormClient(HttpClient http)
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    public HttpClient Http => http;

    public async Task<PageResponse> GetAsync(string url) => await ReadAsync(await http.GetAsync(url));

    /// <summary>Opens <paramref name="page"/>, then posts <paramref name="fields"/> with its token to <paramref name="action"/> (default: the page).</summary>
    public async Task<PageResponse> PostAsync(string page, IEnumerable<KeyValuePair<string, string>> fields, string? action = null)
    {
        var token = await TokenAsync(page, formOnPage: action is null);
        var form = new FormUrlEncodedContent(fields.Append(KeyValuePair.Create("__RequestVerificationToken", token)));
        return await ReadAsync(await http.PostAsync(action ?? page, form));
    }

    /// <summary>Opens <paramref name="page"/>, then posts a multipart form with its token to <paramref name="action"/> (default: the page).</summary>
    public async Task<PageResponse> PostMultipartAsync(
        string page, IEnumerable<KeyValuePair<string, string>> fields, IEnumerable<(string Name, string FileName, byte[] Content)> files, string? action = null)
    {
        var token = await TokenAsync(page, formOnPage: action is null);
        using var form = Multipart(fields.Prepend(KeyValuePair.Create("__RequestVerificationToken", token)), files);
        return await ReadAsync(await http.PostAsync(action ?? page, form));
    }

    /// <summary>
    /// Submits a form as a person does: opens <paramref name="page"/>, finds the button labelled <paramref name="button"/>
    /// (in the form whose HTML contains <paramref name="within"/>, when several have one), keeps every value the page
    /// rendered in that form, replaces the fields named in <paramref name="fields"/> (all values of a name at once), and
    /// sends it to the form's (or the button's) action with its method and encoding.
    /// </summary>
    public async Task<PageResponse> SubmitAsync(
        string page, string button, IEnumerable<KeyValuePair<string, string>>? fields = null,
        IEnumerable<(string Name, string FileName, byte[] Content)>? files = null, string? within = null)
    {
        var html = (await GetAsync(page)).Html;
        var (form, submit) = RenderedForms.WithButton(html, page, button, within);
        return await SendAsync(form, submit, fields, files);
    }

    /// <summary>The rendered form of <paramref name="page"/> that <paramref name="which"/> picks, sent with its first button; null when the page has none.</summary>
    public async Task<PageResponse?> SubmitFormAsync(
        string page, Func<RenderedForm, bool> which, IEnumerable<KeyValuePair<string, string>>? fields = null,
        IEnumerable<(string Name, string FileName, byte[] Content)>? files = null)
    {
        var html = (await GetAsync(page)).Html;
        var form = RenderedForms.Parse(html, page).FirstOrDefault(which);
        return form is null ? null : await SendAsync(form, form.Targets.First(), fields, files);
    }

    private async Task<PageResponse> SendAsync(
        RenderedForm form, RenderedSubmit submit, IEnumerable<KeyValuePair<string, string>>? fields, IEnumerable<(string Name, string FileName, byte[] Content)>? files)
    {
        var given = (fields ?? []).ToList();
        var values = form.Fields.Where(f => given.All(g => g.Key != f.Key)).Concat(given).ToList();
        if (submit.ButtonName is { Length: > 0 } name)
        {
            values.Add(KeyValuePair.Create(name, submit.ButtonValue ?? ""));
        }

        if (submit.Method == "GET")
        {
            var query = string.Join("&", values.Select(v => $"{Uri.EscapeDataString(v.Key)}={Uri.EscapeDataString(v.Value)}"));
            return await GetAsync(submit.Action.Split('?')[0] + (query.Length > 0 ? "?" + query : ""));
        }

        var attached = (files ?? []).ToList();
        if (!form.Multipart && attached.Count == 0)
        {
            return await ReadAsync(await http.PostAsync(submit.Action, new FormUrlEncodedContent(values)));
        }

        using var multipart = Multipart(values, attached);
        return await ReadAsync(await http.PostAsync(submit.Action, multipart));
    }

    private static MultipartFormDataContent Multipart(IEnumerable<KeyValuePair<string, string>> fields, IEnumerable<(string Name, string FileName, byte[] Content)> files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        foreach (var (name, fileName, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, name, fileName);
        }

        return form;
    }

    /// <summary>Signs in by the login form, answering the TOTP step when the account has a key.</summary>
    public async Task<PageResponse> SignInAsync(string email, string password, string? totpKey = null)
    {
        var response = await PostAsync("/account/login", [new("Input.Email", email), new("Input.Password", password)]);
        if (response.RedirectsTo("/account/login-2fa") && totpKey is not null)
        {
            response = await PostAsync("/account/login-2fa", [new("Code", Totp.Code(totpKey, DateTimeOffset.UtcNow))]);
        }

        return response;
    }

    /// <summary>
    /// An antiforgery token from <paramref name="page"/>. When the test submits the page's own form
    /// (<paramref name="formOnPage"/>), the token must come from the main content: the layout's sign-out form also
    /// carries one, which would hide a form that forgot its own.
    /// </summary>
    public async Task<string> TokenAsync(string page, bool formOnPage = false)
    {
        var html = (await GetAsync(page)).Html;
        var main = html.IndexOf("<main", StringComparison.Ordinal);
        var match = TokenField().Match(formOnPage && main >= 0 ? html[main..] : html);
        return match.Success
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException($"No antiforgery token on {page}");
    }

    private static async Task<PageResponse> ReadAsync(HttpResponseMessage response) =>
        new(response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location?.ToString(), response.Headers);
}
