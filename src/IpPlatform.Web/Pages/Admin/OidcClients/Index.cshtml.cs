using IpPlatform.Identity.Accounts;
using IpPlatform.Identity.Authorization;
using IpPlatform.Identity.Oidc;
using IpPlatform.Web.Hosting;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IpPlatform.Web.Pages.Admin.OidcClients;

/// <summary>Province administrators register the systems that sign users in through the platform (relying parties).</summary>
public sealed class IndexModel(OidcClientService clients) : PageModel
{
    [BindProperty] public string ClientId { get; set; } = "";
    [BindProperty] public string Name { get; set; } = "";
    [BindProperty, Display(Name = "类型")] public OidcClientType Type { get; set; }
    [BindProperty] public string? RedirectUris { get; set; }
    [BindProperty] public string? PostLogoutRedirectUris { get; set; }
    [BindProperty] public List<string> Scopes { get; set; } = [];
    [BindProperty] public List<string> GrantTypes { get; set; } = [];
    [BindProperty] public bool FirstParty { get; set; }
    [BindProperty] public bool Disabled { get; set; }

    public IReadOnlyList<OidcClient> All { get; private set; } = [];

    /// <summary>Shown once, right after it was generated; only its hash is stored.</summary>
    public string? NewSecret { get; private set; }

    public bool Editing { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? id)
    {
        if (!IsProvinceAdministrator())
        {
            return NotFound();
        }

        All = await clients.ListAsync(HttpContext.RequestAborted);
        if (id is not null)
        {
            if (await clients.FindAsync(id, HttpContext.RequestAborted) is not { } client)
            {
                return NotFound();
            }

            (ClientId, Name, Type, FirstParty, Disabled, Editing) = (client.ClientId, client.DisplayName, client.Type, client.FirstParty, client.Disabled, true);
            (RedirectUris, PostLogoutRedirectUris, Scopes, GrantTypes) =
                (string.Join('\n', client.RedirectUris), string.Join('\n', client.PostLogoutRedirectUris), [.. client.Scopes], [.. client.GrantTypes]);
        }
        else
        {
            (Scopes, GrantTypes) = (["openid", "profile"], ["authorization_code", "refresh_token"]);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? id)
    {
        if (!IsProvinceAdministrator())
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            All = await clients.ListAsync(HttpContext.RequestAborted);
            Editing = id is not null;
            return Page();
        }

        static List<string> Lines(string? text) => (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var saved = await clients.SaveAsync(new OidcClientsRecipeStep.Entry(ClientId.Trim(), Name, Type, Lines(RedirectUris), Scopes, GrantTypes,
            PostLogoutRedirectUris: Lines(PostLogoutRedirectUris), FirstParty: FirstParty), Disabled, HttpContext.RequestAborted);
        All = await clients.ListAsync(HttpContext.RequestAborted);
        Editing = id is not null;
        if (!saved.Succeeded)
        {
            ModelState.AddFieldErrors(saved.Errors, prefix: "");
            return Page();
        }

        NewSecret = saved.Value.Secret;
        Editing = true;
        TempData["Status"] = $"已保存客户端“{saved.Value.Client.DisplayName}”";
        return NewSecret is null ? Redirect($"/admin/oidc-clients/{saved.Value.Client.ClientId}") : Page();
    }

    public async Task<IActionResult> OnPostSecretAsync(string id)
    {
        if (!IsProvinceAdministrator() || await clients.RegenerateSecretAsync(id, HttpContext.RequestAborted) is not { } secret)
        {
            return NotFound();
        }

        await OnGetAsync(id);
        NewSecret = secret;
        return Page();
    }

    private bool IsProvinceAdministrator() => User.HoldsAtProvince(StaffRole.Administrator);
}
