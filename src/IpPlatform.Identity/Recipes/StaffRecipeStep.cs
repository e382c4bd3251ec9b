using IpPlatform.Identity.Accounts;
using IpPlatform.Kernel.Authorities;
using IpPlatform.Kernel.Recipes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Identity.Recipes;

/// <summary>
/// Recipe step "staff" (demo and test data): staff accounts with roles at authorities. A fixed TOTP key may be given
/// so that demo users can compute codes (./ipp totp); without one, the person enrols at first sign-in.
/// </summary>
public sealed class StaffRecipeStep(
    UserManager<PlatformUser> users, IUserStore<PlatformUser> store, IPasswordHasher<PlatformUser> hasher, TimeProvider clock)
    : RecipeStep<StaffRecipeStep.Model>
{
    public sealed record Grant(StaffRole Role, string Authority);

    public sealed record Entry(
        string Email, string Name, string Password, IReadOnlyList<Grant> Roles, string? TotpKey = null, string? Expertise = null,
        string? Employer = null, string? EmployerCreditCode = null);

    public sealed record Model(IReadOnlyList<Entry> Staff);

    public override string Name => "staff";

    protected override async ValueTask ValidateAsync(Model model, RecipeValidation v, CancellationToken ct)
    {
        for (var i = 0; i < model.Staff.Count; i++)
        {
            var s = model.Staff[i];
            var at = $"staff[{i}]";
            foreach (var problem in PasswordPolicy.Check(s.Password, s.Email))
            {
                v.Error($"{at}.password", problem);
            }

            if (s.TotpKey is not null)
            {
                try
                {
                    if (Totp.Base32Decode(s.TotpKey).Length < 10)
                    {
                        v.Error($"{at}.totpKey", "动态口令密钥至少 80 位（16 个 Base32 字符）");
                    }
                }
                catch (FormatException ex)
                {
                    v.Error($"{at}.totpKey", ex.Message);
                }
            }

            for (var r = 0; r < s.Roles.Count; r++)
            {
                var grant = s.Roles[r];
                var level = await v.Db.Set<Authority>().Where(a => a.Code == grant.Authority).Select(a => (AuthorityLevel?)a.Level).FirstOrDefaultAsync(ct);
                if (level is null && !v.IsDeclared(AuthoritiesRecipeStep.Kind, grant.Authority))
                {
                    v.Error($"{at}.roles[{r}].authority", $"单位“{grant.Authority}”不存在");
                }
                else if (level is { } l && !grant.Role.AllowedLevels().Contains(l))
                {
                    v.Error($"{at}.roles[{r}]", $"“{grant.Role.ToChinese()}”不能设在{l.ToChinese()}单位");
                }
            }
        }
    }

    protected override async Task<int> ExecuteAsync(Model model, RecipeExecution x, CancellationToken ct)
    {
        var changes = 0;
        var keys = (IUserAuthenticatorKeyStore<PlatformUser>)store;
        foreach (var s in model.Staff)
        {
            changes += await AccountUpsert.ApplyAsync(users, hasher, clock, s.Email, s.Name, s.Password, u =>
            {
                var changed = u.Kind != AccountKind.Staff || u.Expertise != s.Expertise || u.Employer != s.Employer || u.EmployerCreditCode != s.EmployerCreditCode;
                (u.Kind, u.Expertise, u.Employer, u.EmployerCreditCode) = (AccountKind.Staff, s.Expertise, s.Employer, s.EmployerCreditCode?.ToUpperInvariant());
                return changed;
            });
            var user = (await users.FindByEmailAsync(s.Email))!;
            if (s.TotpKey is { } key && (await keys.GetAuthenticatorKeyAsync(user, ct) != key || !user.TwoFactorEnabled))
            {
                await keys.SetAuthenticatorKeyAsync(user, key, ct);
                user.TwoFactorEnabled = true;
                await users.UpdateAsync(user);
                changes++;
            }

            var wanted = s.Roles.Select(g => (g.Role, g.Authority)).ToHashSet();
            var existing = await x.Db.Set<StaffRoleAssignment>().Where(r => r.UserId == user.Id).ToListAsync(ct);
            foreach (var r in existing.Where(r => !wanted.Remove((r.Role, r.AuthorityCode))))
            {
                x.Db.Remove(r);
                changes++;
            }

            foreach (var (role, authority) in wanted)
            {
                x.Db.Add(new StaffRoleAssignment { UserId = user.Id, Role = role, AuthorityCode = authority });
                changes++;
            }

            await x.Db.SaveChangesAsync(ct);
        }

        return changes;
    }
}
