using IpPlatform.Kernel;
using System.Security.Claims;
using System.Text.Json.Nodes;
using IpPlatform.Identity.Accounts;
using IpPlatform.Identity.Authorization;
using IpPlatform.Identity.Organisations;
using IpPlatform.Kernel.Audit;
using IpPlatform.Kernel.Authorities;
using IpPlatform.Kernel.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Identity.Staff;

public sealed record RoleGrant(StaffRole Role, string AuthorityCode);

public sealed record StaffAccount(PlatformUser User, IReadOnlyList<StaffRoleAssignment> Roles);

/// <summary>
/// Staff accounts are created by administrators, never self-registered. An administrator manages staff only within
/// the authorities it covers (the province covers all); the new account receives an email link to set its password
/// and must enrol a TOTP authenticator at its first sign-in.
/// </summary>
public sealed class StaffAccountService(
    DbContext db, UserManager<PlatformUser> users, AuditLog audit, IMailSender mail, TimeProvider clock, AuthorityPlaces authorityPlaces, Kernel.Site.SiteInfo site)
{
    private Task<IReadOnlyDictionary<string, AuthorityPlace>> PlacesAsync(CancellationToken ct) => authorityPlaces.GetAsync(ct);

    /// <summary>The staff accounts whose every role lies within the administrator's reach.</summary>
    public async Task<IReadOnlyList<StaffAccount>> ListAsync(ClaimsPrincipal admin, CancellationToken ct = default)
    {
        var places = await PlacesAsync(ct);
        var staff = await db.Set<PlatformUser>().AsNoTracking().Where(u => u.Kind == AccountKind.Staff).OrderBy(u => u.CreatedAt).ToListAsync(ct);
        var roles = (await db.Set<StaffRoleAssignment>().AsNoTracking().ToListAsync(ct)).ToLookup(r => r.UserId);
        return staff
            .Select(u => new StaffAccount(u, roles[u.Id].OrderBy(r => r.Role).ToList()))
            .Where(a => Manages(admin, a.Roles, places))
            .ToList();
    }

    public async Task<StaffAccount?> FindAsync(ClaimsPrincipal admin, Guid userId, CancellationToken ct = default)
    {
        var user = await db.Set<PlatformUser>().FirstOrDefaultAsync(u => u.Id == userId && u.Kind == AccountKind.Staff, ct);
        if (user is null)
        {
            return null;
        }

        var roles = await db.Set<StaffRoleAssignment>().Where(r => r.UserId == userId).ToListAsync(ct);
        return Manages(admin, roles, await PlacesAsync(ct)) ? new StaffAccount(user, roles) : null;
    }

    public async Task<Outcome<PlatformUser>> CreateAsync(
        ClaimsPrincipal admin, string name, string email, string? phone, IReadOnlyList<RoleGrant> grants, string? expertise,
        Func<string, string, string> setPasswordUrl, CancellationToken ct = default, string? employer = null, string? employerCreditCode = null)
    {
        var errors = await CheckGrantsAsync(admin, grants, ct);
        var employerCode = Organisations.CreditCode.Check(employerCreditCode);
        if (grants.Any(g => g.Role == StaffRole.Expert))
        {
            // Experts are never assigned to their own employer's applications: without it they could not be assigned at all.
            if (string.IsNullOrWhiteSpace(employer))
            {
                errors.Add("Employer", "评审专家须填写工作单位");
            }

            if (!employerCode.IsValid)
            {
                errors.Add("EmployerCreditCode", $"工作单位统一社会信用代码：{employerCode.Message}");
            }
        }

        email = email.Trim();
        if (await users.FindByEmailAsync(email) is not null)
        {
            errors.Add("Email", "该邮箱已注册过账户");
        }

        if (errors.Any)
        {
            return Outcome<PlatformUser>.Fail(errors);
        }

        var user = new PlatformUser
        {
            Id = Guid.CreateVersion7(),
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            PhoneNumber = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim(),
            DisplayName = name.Trim(),
            Kind = AccountKind.Staff,
            Expertise = string.IsNullOrWhiteSpace(expertise) ? null : expertise.Trim(),
            Employer = string.IsNullOrWhiteSpace(employer) ? null : employer.Trim(),
            EmployerCreditCode = employerCode.IsValid ? employerCode.Normalized : null,
            CreatedAt = clock.GetUtcNow(),
        };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            return Outcome<PlatformUser>.Fail("Email", string.Join("；", created.Errors.Select(e => e.Description)));
        }

        db.Set<StaffRoleAssignment>().AddRange(grants.Distinct().Select(g => new StaffRoleAssignment { UserId = user.Id, Role = g.Role, AuthorityCode = g.AuthorityCode }));
        audit.Add("staff.created", objectType: "user", objectId: user.Id.ToString(), details: Describe(email, grants));
        await db.SaveChangesAsync(ct);

        var token = await users.GeneratePasswordResetTokenAsync(user);
        await mail.SendAsync(email, "您的工作人员账户已开通",
            $"{user.DisplayName}，您好：\n\n管理员已为您开通{(await site.GetAsync(ct)).Name}的工作人员账户（{email}）。" +
            $"\n请打开以下链接设置密码：\n{setPasswordUrl(user.Id.ToString(), token)}\n\n首次登录时须绑定动态口令（TOTP）验证器。", ct);
        return Outcome<PlatformUser>.Ok(user);
    }

    public async Task<Outcome<PlatformUser>> SetRolesAsync(ClaimsPrincipal admin, Guid userId, IReadOnlyList<RoleGrant> grants, CancellationToken ct = default)
    {
        if (await FindAsync(admin, userId, ct) is not { } account)
        {
            return Outcome<PlatformUser>.Fail("", "该工作人员账户不存在");
        }

        var errors = await CheckGrantsAsync(admin, grants, ct);
        if (errors.Any)
        {
            return Outcome<PlatformUser>.Fail(errors);
        }

        db.Set<StaffRoleAssignment>().RemoveRange(account.Roles);
        db.Set<StaffRoleAssignment>().AddRange(grants.Distinct().Select(g => new StaffRoleAssignment { UserId = userId, Role = g.Role, AuthorityCode = g.AuthorityCode }));
        audit.Add("staff.roles-changed", objectType: "user", objectId: userId.ToString(), details: Describe(account.User.Email!, grants));
        await db.SaveChangesAsync(ct);
        await users.UpdateSecurityStampAsync(account.User);
        return Outcome<PlatformUser>.Ok(account.User);
    }

    public async Task<Outcome<PlatformUser>> SetDisabledAsync(ClaimsPrincipal admin, Guid userId, bool disabled, CancellationToken ct = default)
    {
        if (await FindAsync(admin, userId, ct) is not { } account)
        {
            return Outcome<PlatformUser>.Fail("", "该工作人员账户不存在");
        }

        if (account.User.Id == admin.UserId())
        {
            return Outcome<PlatformUser>.Fail("", "不能停用自己的账户");
        }

        account.User.IsDisabled = disabled;
        audit.Add(disabled ? "staff.disabled" : "staff.enabled", objectType: "user", objectId: userId.ToString());
        await db.SaveChangesAsync(ct);
        await users.UpdateSecurityStampAsync(account.User);
        return Outcome<PlatformUser>.Ok(account.User);
    }

    /// <summary>Clears the authenticator so the person enrols again (a lost phone).</summary>
    public async Task<Outcome<PlatformUser>> ResetAuthenticatorAsync(ClaimsPrincipal admin, Guid userId, CancellationToken ct = default)
    {
        if (await FindAsync(admin, userId, ct) is not { } account)
        {
            return Outcome<PlatformUser>.Fail("", "该工作人员账户不存在");
        }

        await users.SetTwoFactorEnabledAsync(account.User, false);
        await users.ResetAuthenticatorKeyAsync(account.User);
        await audit.RecordAsync("staff.authenticator-reset", objectType: "user", objectId: userId.ToString(), ct: ct);
        return Outcome<PlatformUser>.Ok(account.User);
    }

    private async Task<FieldErrors> CheckGrantsAsync(ClaimsPrincipal admin, IReadOnlyList<RoleGrant> grants, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (grants.Count == 0)
        {
            errors.Add("Roles", "请至少授予一个角色");
        }

        var places = await PlacesAsync(ct);
        var adminAssignments = admin.AssignmentsOf(StaffRole.Administrator);
        foreach (var grant in grants)
        {
            if (!places.TryGetValue(grant.AuthorityCode, out var place))
            {
                errors.Add("Roles", $"单位“{grant.AuthorityCode}”不存在");
            }
            else if (!grant.Role.AllowedLevels().Contains(place.Level))
            {
                errors.Add("Roles", $"“{grant.Role.ToChinese()}”不能设在{place.Level.ToChinese()}单位");
            }
            else if (!adminAssignments.Any(a => AccessScope.Covers(a, place)))
            {
                errors.Add("Roles", "您只能在本级及下级单位授予角色");
            }
        }

        return errors;
    }

    private static bool Manages(ClaimsPrincipal admin, IEnumerable<StaffRoleAssignment> roles, IReadOnlyDictionary<string, AuthorityPlace> places)
    {
        var adminAssignments = admin.AssignmentsOf(StaffRole.Administrator);
        var list = roles.ToList();
        return list.Count == 0
            ? admin.HoldsAtProvince(StaffRole.Administrator)
            : adminAssignments.Count > 0 && list.All(r =>
                places.TryGetValue(r.AuthorityCode, out var place) && adminAssignments.Any(a => AccessScope.Covers(a, place)));
    }

    private static JsonObject Describe(string email, IEnumerable<RoleGrant> grants) => new()
    {
        ["email"] = email,
        ["roles"] = new JsonArray(grants.Select(g => (JsonNode)$"{g.Role}@{g.AuthorityCode}").ToArray()),
    };
}
