using IpPlatform.Kernel;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IpPlatform.Identity.Accounts;
using IpPlatform.Kernel.Audit;
using IpPlatform.Kernel.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Identity.Organisations;

/// <summary>The organisation administrator invites members by email and removes them; a member acts for one organisation.</summary>
public sealed class MembershipService(
    DbContext db, UserManager<PlatformUser> users, AuditLog audit, IMailSender mail, TimeProvider clock, Kernel.Site.SiteInfo site)
{
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);

    public async Task<IReadOnlyList<PlatformUser>> MembersAsync(Guid organisationId, CancellationToken ct = default) =>
        await db.Set<PlatformUser>().AsNoTracking().Where(u => u.OrganisationId == organisationId)
            .OrderByDescending(u => u.IsOrganisationAdmin).ThenBy(u => u.CreatedAt).ToListAsync(ct);

    public async Task<IReadOnlyList<OrganisationInvitation>> OpenInvitationsAsync(Guid organisationId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        return await db.Set<OrganisationInvitation>().AsNoTracking()
            .Where(i => i.OrganisationId == organisationId && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
            .OrderBy(i => i.CreatedAt).ToListAsync(ct);
    }

    public async Task<Outcome<OrganisationInvitation>> InviteAsync(
        ClaimsPrincipal admin, string name, string email, Func<string, string> acceptUrl, CancellationToken ct = default)
    {
        if (admin.OrganisationId() is not { } organisationId || !admin.IsOrganisationAdmin())
        {
            return Outcome<OrganisationInvitation>.Fail("", "只有单位管理员可以邀请成员");
        }

        email = email.Trim();
        if (await users.FindByEmailAsync(email) is not null)
        {
            return Outcome<OrganisationInvitation>.Fail("Email", "该邮箱已注册过账户；一个账户只能代表一个单位");
        }

        var organisation = await db.Set<Organisation>().AsNoTracking().FirstAsync(o => o.Id == organisationId, ct);
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = clock.GetUtcNow();
        var invitation = new OrganisationInvitation
        {
            Id = Guid.CreateVersion7(),
            OrganisationId = organisationId,
            Email = email,
            Name = name.Trim(),
            TokenHash = Hash(token),
            InvitedBy = admin.UserId(),
            CreatedAt = now,
            ExpiresAt = now + InvitationLifetime,
        };
        db.Set<OrganisationInvitation>().Add(invitation);
        audit.Add("organisation.member-invited", objectType: "organisation", objectId: organisationId.ToString(),
            details: new JsonObject { ["email"] = email });
        await db.SaveChangesAsync(ct);
        await mail.SendAsync(email, $"邀请您加入{organisation.Name}",
            $"{invitation.Name}，您好：\n\n{admin.FindFirstValue(ClaimTypes.GivenName)}邀请您以“{organisation.Name}”成员的身份使用{(await site.GetAsync(ct)).Name}。" +
            $"\n请在7天内打开以下链接设置密码：\n{acceptUrl(token)}\n\n如非本人操作，请忽略本邮件。", ct);
        return Outcome<OrganisationInvitation>.Ok(invitation);
    }

    public async Task<OrganisationInvitation?> FindOpenInvitationAsync(string token, CancellationToken ct = default)
    {
        var hash = Hash(token);
        var now = clock.GetUtcNow();
        return await db.Set<OrganisationInvitation>().FirstOrDefaultAsync(
            i => i.TokenHash == hash && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now, ct);
    }

    public async Task<Outcome<PlatformUser>> AcceptAsync(string token, string password, CancellationToken ct = default)
    {
        if (await FindOpenInvitationAsync(token, ct) is not { } invitation)
        {
            return Outcome<PlatformUser>.Fail("", "邀请链接无效或已过期，请联系单位管理员重新邀请");
        }

        var problems = PasswordPolicy.Check(password, invitation.Email);
        if (problems.Count > 0)
        {
            var errors = new FieldErrors();
            foreach (var p in problems)
            {
                errors.Add("Password", p);
            }

            return Outcome<PlatformUser>.Fail(errors);
        }

        var user = new PlatformUser
        {
            Id = Guid.CreateVersion7(),
            UserName = invitation.Email,
            Email = invitation.Email,
            EmailConfirmed = true,
            DisplayName = invitation.Name,
            Kind = AccountKind.Applicant,
            OrganisationId = invitation.OrganisationId,
            CreatedAt = clock.GetUtcNow(),
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return Outcome<PlatformUser>.Fail("Password", string.Join("；", created.Errors.Select(e => e.Description)));
        }

        invitation.AcceptedAt = clock.GetUtcNow();
        audit.Add("organisation.member-joined", objectType: "organisation", objectId: invitation.OrganisationId.ToString(),
            actorId: user.Id, actorName: user.UserName);
        await db.SaveChangesAsync(ct);
        return Outcome<PlatformUser>.Ok(user);
    }

    public async Task<Outcome<PlatformUser>> RemoveAsync(ClaimsPrincipal admin, Guid memberId, CancellationToken ct = default)
    {
        if (admin.OrganisationId() is not { } organisationId || !admin.IsOrganisationAdmin())
        {
            return Outcome<PlatformUser>.Fail("", "只有单位管理员可以移除成员");
        }

        var member = await db.Set<PlatformUser>().FirstOrDefaultAsync(u => u.Id == memberId && u.OrganisationId == organisationId, ct);
        if (member is null)
        {
            return Outcome<PlatformUser>.Fail("", "该成员不存在");
        }

        if (member.Id == admin.UserId())
        {
            return Outcome<PlatformUser>.Fail("", "不能移除自己");
        }

        member.OrganisationId = null;
        member.IsOrganisationAdmin = false;

        // Invitations the member sent die with the membership: no way back in through a link sent beforehand.
        var now = clock.GetUtcNow();
        foreach (var invitation in await db.Set<OrganisationInvitation>()
                     .Where(i => i.InvitedBy == member.Id && i.AcceptedAt == null && i.RevokedAt == null).ToListAsync(ct))
        {
            invitation.RevokedAt = now;
        }

        audit.Add("organisation.member-removed", objectType: "organisation", objectId: organisationId.ToString(),
            details: new JsonObject { ["member"] = member.Id.ToString(), ["email"] = member.Email });

        // A new security stamp ends the member's sessions at the next validation.
        await users.UpdateSecurityStampAsync(member);
        return Outcome<PlatformUser>.Ok(member);
    }

    public async Task<Outcome<OrganisationInvitation>> RevokeAsync(ClaimsPrincipal admin, Guid invitationId, CancellationToken ct = default)
    {
        if (admin.OrganisationId() is not { } organisationId || !admin.IsOrganisationAdmin())
        {
            return Outcome<OrganisationInvitation>.Fail("", "只有单位管理员可以撤销邀请");
        }

        var invitation = await db.Set<OrganisationInvitation>().FirstOrDefaultAsync(
            i => i.Id == invitationId && i.OrganisationId == organisationId && i.AcceptedAt == null && i.RevokedAt == null, ct);
        if (invitation is null)
        {
            return Outcome<OrganisationInvitation>.Fail("", "该邀请不存在或已失效");
        }

        invitation.RevokedAt = clock.GetUtcNow();
        audit.Add("organisation.invitation-revoked", objectType: "organisation", objectId: organisationId.ToString(),
            details: new JsonObject { ["email"] = invitation.Email });
        await db.SaveChangesAsync(ct);
        return Outcome<OrganisationInvitation>.Ok(invitation);
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
