using System.Text.Json.Nodes;
using IpPlatform.Kernel.Audit;
using IpPlatform.Kernel.Caching;
using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Kernel.Programs;

/// <summary>
/// Creates or changes a round (申报批次) of a program: its key, year, title, opening and closing times and the texts shown
/// before it opens and after it closes; audited, and the public pages refreshed. Callers check that the editor covers
/// the owner authority.
/// </summary>
public sealed class SaveRound(DbContext db, FindProgram programs, AuditLog audit, PublicPageCache publicPages)
{
    public async Task<Outcome<Round>> SaveRoundAsync(
        string programSlug, Guid? roundId, string key, int year, string title, DateTimeOffset? opens, DateTimeOffset? closes,
        string? beforeOpen, string? afterClose, CancellationToken ct = default)
    {
        var program = await programs.FindAsync(programSlug, ct);
        if (program is null)
        {
            return Outcome<Round>.Fail("", "项目不存在");
        }

        var round = roundId is { } id ? await db.Set<Round>().FirstOrDefaultAsync(r => r.Id == id && r.ProgramId == program.Id, ct) : null;
        if (roundId is not null && round is null)
        {
            return Outcome<Round>.Fail("", "批次不存在");
        }

        var errors = new FieldErrors();
        if (round is null)
        {
            if (!ProgramInstance.IsWellFormedKey(key))
            {
                errors.Add("Key", "批次标识只能由小写字母、数字和连字符组成，如 shenyang-service-cluster-2027");
            }
            else if (await db.Set<Round>().AnyAsync(r => r.Key == key, ct))
            {
                errors.Add("Key", $"批次标识“{key}”已被使用");
            }
        }

        if (year is < 2000 or > 2100)
        {
            errors.Add("Year", "年度应在2000到2100之间");
        }

        if (string.IsNullOrWhiteSpace(title))
        {
            errors.Add("Title", "请填写批次名称");
        }
        else if (title.Trim().Length > Round.MaxTitleLength)
        {
            errors.Add("Title", $"批次名称请控制在{Round.MaxTitleLength}字以内");
        }

        if (beforeOpen?.Length > Round.MaxTextLength)
        {
            errors.Add("BeforeOpenText", $"开始前显示的说明请控制在{Round.MaxTextLength}字以内");
        }

        if (afterClose?.Length > Round.MaxTextLength)
        {
            errors.Add("AfterCloseText", $"截止后显示的说明请控制在{Round.MaxTextLength}字以内");
        }

        if (closes is null)
        {
            errors.Add("Closes", "请填写截止时间");
        }
        else if (opens is not null && closes <= opens)
        {
            errors.Add("Closes", "截止时间须晚于开始时间");
        }

        if (errors.Any)
        {
            return Outcome<Round>.Fail(errors);
        }

        var before = round is null ? null : Describe(round);
        round ??= db.Add(new Round { Id = Guid.CreateVersion7(), Key = key!, ProgramId = program.Id, Title = title }).Entity;
        (round.Year, round.Title, round.OpensAt, round.ClosesAt) = (year, title.Trim(), opens?.ToUniversalTime(), closes!.Value.ToUniversalTime());
        (round.BeforeOpenText, round.AfterCloseText) = (Blank(beforeOpen), Blank(afterClose));
        audit.Add(before is null ? "round.created" : "round.changed", objectType: "round", objectId: round.Key,
            details: new JsonObject { ["program"] = programSlug, ["before"] = before, ["after"] = Describe(round) });
        await db.SaveChangesAsync(ct);
        await publicPages.InvalidateAsync();
        return Outcome<Round>.Ok(round);
    }

    private static JsonObject Describe(Round r) => new()
    {
        ["year"] = r.Year, ["title"] = r.Title, ["opens"] = r.OpensAt?.ToString("O"), ["closes"] = r.ClosesAt.ToString("O"),
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
