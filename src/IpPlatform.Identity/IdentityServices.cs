using IpPlatform.Identity.Accounts;
using IpPlatform.Identity.Authorization;
using IpPlatform.Identity.Oidc;
using IpPlatform.Identity.Organisations;
using IpPlatform.Identity.Recipes;
using IpPlatform.Identity.Staff;
using IpPlatform.Kernel.Organisations;
using IpPlatform.Kernel.Recipes;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IpPlatform.Identity;

public static class IdentityServices
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);
    public const int MaxFailedAttempts = 5;

    /// <summary>
    /// Accounts on ASP.NET Core Identity with the security baseline: password policy, lockout after 5 failures for 15
    /// minutes, 30 minutes idle timeout, role changes effective within a minute.
    /// </summary>
    public static IServiceCollection AddPlatformIdentity<TContext>(this IServiceCollection services) where TContext : DbContext
    {
        services.AddIdentityCore<PlatformUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@+";
                o.Password.RequiredLength = PasswordPolicy.MinimumLength;
                (o.Password.RequireDigit, o.Password.RequireLowercase, o.Password.RequireUppercase, o.Password.RequireNonAlphanumeric) = (false, false, false, false);
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = MaxFailedAttempts;
                o.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddUserManager<PlatformUserManager>()
            .AddSignInManager<PlatformSignInManager>()
            .AddEntityFrameworkStores<TContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<ChineseIdentityErrors>()
            .AddPasswordValidator<PasswordPolicy>()
            .AddClaimsPrincipalFactory<PlatformClaimsFactory>();
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(24));
        // argon2id at OWASP's parameters; older PBKDF2 hashes are replaced at each account's next sign-in.
        services.AddSingleton(PasswordHashingTurns.Machine);
        services.Replace(ServiceDescriptor.Singleton<IPasswordHasher<PlatformUser>>(sp => new Argon2PasswordHasher(Argon2Parameters.Owasp, sp.GetRequiredService<PasswordHashingTurns>())));

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "ipp.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax;
            o.ExpireTimeSpan = IdleTimeout;
            o.SlidingExpiration = true;
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/access-denied";
            o.Events.OnRedirectToLogin = ApiAware(o.Events.OnRedirectToLogin, 401);
            o.Events.OnRedirectToAccessDenied = ApiAware(o.Events.OnRedirectToAccessDenied, 403);
        });
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o =>
        {
            o.Cookie.Name = "ipp.2fa";
            o.ExpireTimeSpan = TimeSpan.FromMinutes(5);
        });
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(1);

            // Re-issuing the principal must not drop the fact that the sign-in used a second factor.
            o.OnRefreshingPrincipal = context =>
            {
                // ... nor when it happened (OIDC auth_time).
                foreach (var type in new[] { PlatformClaims.AuthenticationMethod, PlatformClaims.AuthTime })
                {
                    if (context.CurrentPrincipal?.FindFirst(type) is { } kept && context.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity)
                    {
                        identity.AddClaim(new System.Security.Claims.Claim(kept.Type, kept.Value));
                    }
                }

                return Task.CompletedTask;
            };
        });
        services.AddAuthorization(Policies.Add);
        services.AddScoped<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, CurrentAccountHandler>();

        services.AddScoped<RegistrationService>();
        services.AddScoped<CertificationService>();
        services.AddScoped<UpdateOrganisationProfile>();
        services.AddScoped<CertificationQueue>();
        services.AddScoped<MembershipService>();
        services.AddScoped<FindOpenInvitation>();
        services.AddScoped<LoadRegionChoices>();
        services.AddScoped<LoadOrganisationHome>();
        services.AddScoped<LoadOrganisationProfile>();
        services.AddScoped<LoadOrganisationCertification>();
        services.AddScoped<CertificationHistory>();
        services.AddScoped<StaffAccountService>();
        services.AddSingleton<AuthorityPlaces>();
        services.AddPlatformOidcServer<TContext>();
        services.AddScoped<IpPlatform.Kernel.Organisations.IApplicantDirectory, OrganisationApplicants>();
        services.AddScoped<IpPlatform.Kernel.Reviews.IExpertDirectory, Staff.ExpertDirectory>();
        services.AddScoped<IpPlatform.Kernel.Workflows.IAccountActors, Authorization.AccountActors>();
        services.AddScoped<IRecipeStep, OrganisationsRecipeStep>();
        services.AddScoped<IRecipeStep, StaffRecipeStep>();
        return services;
    }

    /// <summary>API callers get a status code, not a redirect to the sign-in page.</summary>
    private static Func<Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions>, Task> ApiAware(
        Func<Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions>, Task> pageBehaviour, int status) =>
        context =>
        {
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                context.Response.StatusCode = status;
                return Task.CompletedTask;
            }

            return pageBehaviour(context);
        };
}
