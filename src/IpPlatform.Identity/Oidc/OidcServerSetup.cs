using IpPlatform.Identity.Oidc.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IpPlatform.Identity.Oidc;

/// <summary>
/// The OpenID Connect provider on OpenIddict: its EF Core stores on the platform's database, the authorization code flow
/// with PKCE (S256 only; required of public clients), refresh tokens rotated with reuse revoking at once, client
/// credentials; the platform's pages and checks plugged in as pass-through endpoints and event handlers.
/// </summary>
public static class OidcServerSetup
{
    public static IServiceCollection AddPlatformOidcServer<TContext>(this IServiceCollection services) where TContext : DbContext
    {
        services.AddOpenIddict()
            .AddCore(o =>
            {
                o.UseEntityFrameworkCore().UseDbContext<TContext>().ReplaceDefaultEntities<OidcApplication, OidcAuthorization, OidcScope, OidcToken, Guid>();
                o.ReplaceApplicationManager(typeof(PlatformApplicationManager<>));
                o.ReplaceTokenManager(typeof(PlatformTokenManager<>));
                // Each request reads a client, a token and a grant once: OpenIddict's per-request memory caches cost more
                // than they save (measured on the token endpoint), and nothing is kept between requests.
                o.DisableEntityCaching();
            })
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris(OidcPaths.Authorize[1..], OidcPaths.Consent[1..])
                    .SetTokenEndpointUris(OidcPaths.Token[1..])
                    .SetUserInfoEndpointUris(OidcPaths.UserInfo[1..])
                    .SetRevocationEndpointUris(OidcPaths.Revocation[1..])
                    .SetIntrospectionEndpointUris(OidcPaths.Introspection[1..])
                    .SetEndSessionEndpointUris(OidcPaths.EndSession[1..], OidcPaths.EndSessionConfirm[1..])
                    .SetConfigurationEndpointUris(OidcPaths.Discovery[1..])
                    .SetJsonWebKeySetEndpointUris(OidcPaths.Jwks[1..]);
                o.AllowAuthorizationCodeFlow().AllowRefreshTokenFlow().AllowClientCredentialsFlow();
                o.RegisterScopes([.. OidcVocabulary.Scopes]);
                o.RegisterClaims([.. UserClaims.Supported]);
                o.RegisterPromptValues(PromptValues.SelectAccount);
                o.SetAccessTokenLifetime(OidcLifetimes.AccessToken)
                    .SetIdentityTokenLifetime(OidcLifetimes.IdToken)
                    .SetAuthorizationCodeLifetime(OidcLifetimes.Code)
                    .SetRefreshTokenLifetime(OidcLifetimes.RefreshToken)
                    .SetRefreshTokenReuseLeeway(TimeSpan.Zero);
                o.DisableAccessTokenEncryption();
                o.Configure(s =>
                {
                    s.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain);
                    s.ResponseModes.Remove(ResponseModes.FormPost);
                    s.ResponseModes.Remove(ResponseModes.Fragment);
                    s.ClientAuthenticationMethods.Remove(ClientAuthenticationMethods.PrivateKeyJwt);
                });
                o.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableErrorPassthrough();
                o.AddEventHandler(CheckAuthorizationParameters.Descriptor);
                o.AddEventHandler(KeepGrantableScopes.Descriptor);
                o.AddEventHandler(RejectDisabledClients.Descriptor);
                o.AddEventHandler(RevokeGrantOnReplay.Descriptor);
                o.AddEventHandler(RevokeGrantOnRefreshReuse.Descriptor);
                o.AddEventHandler(RevokeTheWholeGrant.Descriptor);
                o.AddEventHandler(SignWithTheCurrentKey.Descriptor);
                o.AddEventHandler(StoreOnlyRedeemableTokens.Descriptor);
                o.AddEventHandler(NoAccessTokenInTheQuery.Descriptor);
                o.AddEventHandler(UserInfoPostWithoutBody.Descriptor);
                o.AddEventHandler(TokenRefusalCodes.Descriptor);
                o.AddEventHandler(AuditIssuance.Descriptor);
                foreach (var descriptor in IntrospectOwnLiveTokens.Descriptors.Concat(PublishMetadata.Descriptors))
                {
                    o.AddEventHandler(descriptor);
                }
            });

        services.AddOptions<OpenIddictServerOptions>().Configure<OidcIssuer>((o, issuer) => o.Issuer = issuer.Uri);
        services.AddOptions<OpenIddictServerAspNetCoreOptions>().Configure<OidcIssuer>((o, issuer) =>
            o.DisableTransportSecurityRequirement = issuer.Uri.Scheme == Uri.UriSchemeHttp);
        services.AddSingleton<OidcEncryptionKeyStore>();
        services.AddSingleton<OidcServerCredentials>();
        services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>>(sp => sp.GetRequiredService<OidcServerCredentials>());
        services.AddSingleton<IOptionsChangeTokenSource<OpenIddictServerOptions>>(sp => sp.GetRequiredService<OidcServerCredentials>());
        services.AddSingleton<SigningKeyRing>();
        services.AddScoped<GrantRevocation>();
        services.AddScoped<SignOnPrincipal>();
        services.AddScoped<OidcGrantChecks>();
        services.AddScoped<UserClaims>();
        services.AddScoped<ConsentService>();
        services.AddScoped<OidcClientService>();
        services.AddSingleton<OidcClientCache>();
        services.AddSingleton<Kernel.Caching.ILocalEviction>(sp => sp.GetRequiredService<OidcClientCache>());
        services.AddScoped<OidcHousekeeping>();
        services.AddScoped<Kernel.Recipes.IRecipeStep, OidcClientsRecipeStep>();
        return services;
    }
}
