using IpPlatform.Identity.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace IpPlatform.Identity.Authorization;

/// <summary>Coarse gates for whole areas; each object is still checked with <see cref="AccessScope"/>.</summary>
public static class Policies
{
    /// <summary>A staff account signed in with its second factor.</summary>
    public const string Staff = "staff";

    /// <summary>A staff administrator (user accounts, audit log).</summary>
    public const string Administrator = "administrator";

    /// <summary>A policy editor (notices, programs, rounds) signed in with its second factor.</summary>
    public const string Editor = "editor";

    /// <summary>Any signed-in account whose sign-in is still current (e.g. to object to a 公示 in one's own name).</summary>
    public const string SignedIn = "signed-in";

    /// <summary>An applicant account that acts for an organisation.</summary>
    public const string Applicant = "applicant";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Staff, p => p.RequireAuthenticatedUser().AddRequirements(new CurrentAccountRequirement())
            .RequireAssertion(c => c.User.IsStaff() && c.User.UsedSecondFactor()));
        options.AddPolicy(Administrator, p => p.RequireAuthenticatedUser().AddRequirements(new CurrentAccountRequirement())
            .RequireAssertion(c => c.User.HasRole(StaffRole.Administrator)));
        options.AddPolicy(Editor, p => p.RequireAuthenticatedUser().AddRequirements(new CurrentAccountRequirement())
            .RequireAssertion(c => c.User.HasRole(StaffRole.PolicyEditor)));
        options.AddPolicy(SignedIn, p => p.RequireAuthenticatedUser().AddRequirements(new CurrentAccountRequirement()));
        options.AddPolicy(Applicant, p => p.RequireAuthenticatedUser().AddRequirements(new CurrentAccountRequirement())
            .RequireAssertion(c => !c.User.IsStaff() && c.User.OrganisationId() is not null));
    }
}
