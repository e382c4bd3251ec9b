using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Nodes;
using IpPlatform.Identity.Accounts;
using IpPlatform.Kernel;
using IpPlatform.Kernel.Audit;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Identity.Organisations;

/// <summary>What an organisation's administrator may change of its profile (name and credit code change only through certification).</summary>
public sealed class ProfileInput
{
    public string? Address { get; set; }

    public string? ContactPerson { get; set; }

    public string? ContactMobile { get; set; }

    public string? ContactEmail { get; set; }

    public string? LegalRepresentative { get; set; }

    public int? StaffCount { get; set; }

    public DateOnly? EstablishedOn { get; set; }

    public decimal? RegisteredCapital { get; set; }

    public string? DistrictCode { get; set; }
}

/// <summary>
/// The administrator keeps the organisation's profile up to date: every field checked and named in Chinese when wrong,
/// every change kept (who, when, before, after) and audited. The name and the 统一社会信用代码 are not here: the name changes
/// through a new certification, the code never (it identifies the organisation for life).
/// </summary>
public sealed class UpdateOrganisationProfile(DbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<Outcome<Organisation>> RunAsync(ClaimsPrincipal user, ProfileInput input, CancellationToken ct = default)
    {
        var id = user.OrganisationId();
        var organisation = id is null ? null : await db.Set<Organisation>().FirstOrDefaultAsync(o => o.Id == id, ct);
        if (organisation is null || !user.IsOrganisationAdmin())
        {
            return Outcome<Organisation>.Fail("", "只有单位管理员可以修改单位信息");
        }

        var errors = new FieldErrors();
        string? Text(string? value, string field, string label, int max, bool required = true)
        {
            var trimmed = value?.Trim();
            if (string.IsNullOrEmpty(trimmed) && required)
            {
                errors.Add(field, $"请填写“{label}”");
            }
            else if (trimmed is { Length: > 0 } && trimmed.Length > max)
            {
                errors.Add(field, $"“{label}”不超过{max}个字符");
            }

            return trimmed;
        }

        var address = Text(input.Address, "Input.Address", "单位地址", 200);
        var person = Text(input.ContactPerson, "Input.ContactPerson", "联系人", 50);
        var mobile = Text(input.ContactMobile, "Input.ContactMobile", "联系人手机", 20);
        var email = Text(input.ContactEmail, "Input.ContactEmail", "联系人邮箱", 100);
        var legal = Text(input.LegalRepresentative, "Input.LegalRepresentative", "法定代表人", 50);
        if (mobile is { Length: > 0 } && !System.Text.RegularExpressions.Regex.IsMatch(mobile, @"^1\d{10}$"))
        {
            errors.Add("Input.ContactMobile", "“联系人手机”应为11位手机号码");
        }

        if (email is { Length: > 0 } && !System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            errors.Add("Input.ContactEmail", "“联系人邮箱”格式不正确");
        }

        if (input.StaffCount is not (>= 1 and <= 1_000_000))
        {
            errors.Add("Input.StaffCount", "“职工人数”应为1至1000000之间的整数");
        }

        var today = Kernel.Time.BeijingTime.Today(clock);
        if (input.EstablishedOn is not { } established || established > today || established.Year < 1900)
        {
            errors.Add("Input.EstablishedOn", "“成立日期”应为1900年以后、不晚于今天的日期");
        }

        if (input.RegisteredCapital is < 0 or > 100_000_000)
        {
            errors.Add("Input.RegisteredCapital", "“注册资本（万元）”应在0至100000000之间");
        }

        var district = string.IsNullOrWhiteSpace(input.DistrictCode) ? null : input.DistrictCode.Trim();
        if (district is not null && !await db.Set<Kernel.Authorities.Authority>().AnyAsync(a => a.Code == district && a.ParentCode == organisation.CityCode, ct))
        {
            errors.Add("Input.DistrictCode", "“所在区县”应为本单位所在城市的区县");
        }

        if (errors.Any)
        {
            return Outcome<Organisation>.Fail(errors);
        }

        var now = clock.GetUtcNow();
        var changes = new JsonArray();
        void Change<T>(string label, T before, T after, Action<T> set)
        {
            if (EqualityComparer<T>.Default.Equals(before, after))
            {
                return;
            }

            var (from, to) = (Show(before), Show(after));
            db.Add(new OrganisationProfileChange
            {
                Id = Guid.CreateVersion7(), OrganisationId = organisation.Id, At = now, ChangedBy = user.UserId(), ChangedByName = user.Identity?.Name ?? "",
                Field = label, Before = from, After = to,
            });
            changes.Add(new JsonObject { ["field"] = label, ["before"] = from, ["after"] = to });
            set(after);
        }

        Change("单位地址", organisation.Address, address!, v => organisation.Address = v);
        Change("法定代表人", organisation.LegalRepresentative, legal!, v => organisation.LegalRepresentative = v);
        Change("联系人", organisation.ContactPerson, person!, v => organisation.ContactPerson = v);
        Change("联系人手机", organisation.ContactMobile, mobile!, v => organisation.ContactMobile = v);
        Change("联系人邮箱", organisation.ContactEmail, email!, v => organisation.ContactEmail = v);
        Change("职工人数", organisation.StaffCount, input.StaffCount!.Value, v => organisation.StaffCount = v);
        Change("成立日期", organisation.EstablishedOn, input.EstablishedOn!.Value, v => organisation.EstablishedOn = v);
        Change("注册资本（万元）", organisation.RegisteredCapital, input.RegisteredCapital, v => organisation.RegisteredCapital = v);
        Change("所在区县", organisation.DistrictCode, district, v => organisation.DistrictCode = v);
        if (changes.Count == 0)
        {
            return Outcome<Organisation>.Ok(organisation);
        }

        audit.Add("organisation.profile-changed", objectType: "organisation", objectId: organisation.Id.ToString(), details: new JsonObject { ["changes"] = changes });
        return await db.SaveOrConflictAsync(organisation, "单位信息刚被其他管理员修改过，请刷新页面后再保存", ct);
    }

    private static string? Show<T>(T value) => value switch
    {
        null => null,
        DateOnly date => date.ToString("yyyy-MM-dd"),
        decimal number => number.ToString("0.##", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
