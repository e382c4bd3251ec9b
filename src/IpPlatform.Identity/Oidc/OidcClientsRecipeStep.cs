using IpPlatform.Kernel.Recipes;
using OpenIddict.Abstractions;

namespace IpPlatform.Identity.Oidc;

/// <summary>
/// Recipe step "oidc-clients": relying parties of the provider. A confidential client's secret is given in the recipe
/// (keep such recipes out of version control in production) and stored hashed; an unchanged entry leaves an
/// administrator's later changes alone.
/// </summary>
public sealed class OidcClientsRecipeStep(IOpenIddictApplicationManager applications, OidcClientCache cache, TimeProvider clock) : RecipeStep<OidcClientsRecipeStep.Model>
{
    public sealed record Entry(
        string ClientId, string Name, OidcClientType Type, IReadOnlyList<string> RedirectUris, IReadOnlyList<string> Scopes, IReadOnlyList<string> GrantTypes,
        string? Secret = null, IReadOnlyList<string>? PostLogoutRedirectUris = null, bool FirstParty = false);

    public sealed record Model(IReadOnlyList<Entry> Clients);

    public override string Name => "oidc-clients";

    public static IEnumerable<(string Path, string Message)> Problems(Entry c)
    {
        if (c.ClientId is not { Length: >= 3 and <= 100 } || c.ClientId.Any(ch => !char.IsAsciiLetterOrDigit(ch) && ch is not ('-' or '_' or '.')))
        {
            yield return ("clientId", "客户端标识为 3–100 个字母、数字、-、_、.");
        }

        if (string.IsNullOrWhiteSpace(c.Name) || c.Name.Length > 100)
        {
            yield return ("name", "缺少客户端名称，或超过100字");
        }

        var uris = c.RedirectUris.Concat(c.PostLogoutRedirectUris ?? []).ToList();
        if (uris.Count > 40 || uris.Any(u => u.Length > 500))
        {
            yield return ("redirectUris", "回调与退出地址合计最多40个，每个不超过500个字符");
        }

        if (c.Type == OidcClientType.Confidential && (c.Secret?.Length ?? 0) < OidcVocabulary.MinSecretLength)
        {
            yield return ("secret", $"机密客户端须有至少 {OidcVocabulary.MinSecretLength} 个字符的随机密钥");
        }

        if (c.Type == OidcClientType.Public && c.Secret is not null)
        {
            yield return ("secret", "公开客户端不设密钥（以 PKCE 保护授权码）");
        }

        foreach (var scope in c.Scopes.Where(s => !OidcVocabulary.Scopes.Contains(s)))
        {
            yield return ("scopes", $"不支持的范围“{scope}”");
        }

        foreach (var grant in c.GrantTypes.Where(g => !OidcVocabulary.GrantTypes.Contains(g)))
        {
            yield return ("grantTypes", $"不支持的授权方式“{grant}”（不提供 implicit 与 password）");
        }

        if (c.Type == OidcClientType.Public && c.GrantTypes.Contains("client_credentials"))
        {
            yield return ("grantTypes", "公开客户端不能使用 client_credentials");
        }

        if (c.GrantTypes.Contains("authorization_code") && c.RedirectUris.Count == 0)
        {
            yield return ("redirectUris", "授权码方式须登记至少一个回调地址");
        }

        foreach (var problem in c.RedirectUris.Concat(c.PostLogoutRedirectUris ?? []).Select(OidcVocabulary.RedirectUriProblem).OfType<string>())
        {
            yield return ("redirectUris", problem);
        }
    }

    protected override ValueTask ValidateAsync(Model model, RecipeValidation v, CancellationToken ct)
    {
        v.ErrorsOf("clients", model.Clients, Problems);
        return ValueTask.CompletedTask;
    }

    protected override async Task<int> ExecuteAsync(Model model, RecipeExecution x, CancellationToken ct)
    {
        var changes = 0;
        foreach (var c in model.Clients)
        {
            var stored = await applications.FindByClientIdAsync(c.ClientId, ct) as OidcApplication;
            if (await x.AppliedBeforeAsync(Name, c.ClientId, c, ct) && stored is not null)
            {
                continue;
            }

            await SaveAsync(applications, stored, c, c.Secret, keptSecret: null, disabled: stored?.Disabled ?? false, clock.GetUtcNow(), ct);
            changes++;
        }

        foreach (var c in model.Clients)
        {
            cache.Invalidate(c.ClientId);
        }

        return changes;
    }

    /// <summary>
    /// Creates or updates the client through OpenIddict's manager (which validates it and stores the secret hashed):
    /// <paramref name="secret"/> replaces the secret; otherwise <paramref name="keptSecret"/> (the stored hash) stays.
    /// </summary>
    public static async Task<OidcApplication> SaveAsync(
        IOpenIddictApplicationManager applications, OidcApplication? stored, Entry entry, string? secret, string? keptSecret, bool disabled, DateTimeOffset now, CancellationToken ct)
    {
        var descriptor = OidcClient.Describe(entry);
        if (stored is null)
        {
            var created = new OidcApplication { CreatedAt = now, UpdatedAt = now, Disabled = disabled };
            await applications.PopulateAsync(created, descriptor, ct);
            if (secret is null)
            {
                await applications.CreateAsync(created, ct);
            }
            else
            {
                await applications.CreateAsync(created, secret, ct);
            }

            return created;
        }

        (stored.Disabled, stored.UpdatedAt) = (disabled, now);
        descriptor.ClientSecret = entry.Type == OidcClientType.Public ? null : keptSecret;
        await applications.PopulateAsync(stored, descriptor, ct);
        if (secret is not null)
        {
            await applications.UpdateAsync(stored, secret, ct);
        }
        else
        {
            await applications.UpdateAsync(stored, ct);
        }

        return stored;
    }
}
