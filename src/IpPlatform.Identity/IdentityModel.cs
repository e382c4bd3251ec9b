using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Identity;

/// <summary>Identity's tables under platform names, plus organisations, certification, invitations and staff roles.</summary>
public static class IdentityModel
{
    public static void Configure(ModelBuilder model)
    {
        // OpenIddict's entities with its own configuration first: the platform's, applied next, put them under the
        // platform's table names.
        model.UseOpenIddict<Oidc.OidcApplication, Oidc.OidcAuthorization, Oidc.OidcScope, Oidc.OidcToken, Guid>();

        // Entities configured beside themselves (IEntityTypeConfiguration in the Identity assembly).
        model.ApplyConfigurationsFromAssembly(typeof(IdentityModel).Assembly);

        model.Entity<IdentityUserClaim<Guid>>().ToTable("user_claims");
        model.Entity<IdentityUserLogin<Guid>>().ToTable("user_logins");
        model.Entity<IdentityUserToken<Guid>>().ToTable("user_tokens");
    }
}
