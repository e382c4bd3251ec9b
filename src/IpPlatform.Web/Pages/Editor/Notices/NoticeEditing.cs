using System.Globalization;
using System.Security.Claims;
using IpPlatform.Identity.Authorization;
using IpPlatform.Kernel.Programs;
using IpPlatform.Kernel.Time;

namespace IpPlatform.Web.Pages.Editor.Notices;

/// <summary>What the notice editor checks and reads from its form besides the content itself: the linked program and round, and the schedule time.</summary>
public static class NoticeEditing
{
    /// <summary>
    /// The moment of a schedule posted as Beijing time, "yyyy-MM-ddTHH:mm" from a datetime-local input: the local time
    /// as typed (for the message) and the moment in UTC; false when it is not such a time.
    /// </summary>
    public static bool TryParseScheduleAt(string? text, out DateTime local, out DateTimeOffset at)
    {
        if (!DateTime.TryParseExact(text, "yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out local))
        {
            at = default;
            return false;
        }

        at = new DateTimeOffset(local, BeijingTime.Offset).ToUniversalTime();
        return true;
    }

    /// <summary>A notice may name a program the editor's role covers, and only a round of that program.</summary>
    public static async Task<(string Field, string Message)?> CheckLinksAsync(
        ClaimsPrincipal user, IReadOnlyDictionary<string, string?> fields, ProgramDirectory programs, AuthorityPlaces places, ProgramOfRound programOfRound)
    {
        var program = fields.GetValueOrDefault("program");
        var round = fields.GetValueOrDefault("round");
        if (!string.IsNullOrEmpty(program))
        {
            var owner = (await programs.ListAsync()).FirstOrDefault(p => p.Slug == program)?.OwnerCode;
            if (owner is null || !user.EditsFor(owner, await places.GetAsync()))
            {
                return ("Fields[program]", "只能关联本单位（及下级单位）的项目");
            }
        }

        if (!string.IsNullOrEmpty(round))
        {
            var roundProgram = await programOfRound.SlugAsync(round);
            if (roundProgram is null || roundProgram != program)
            {
                return ("Fields[round]", "相关批次须属于所选的相关项目");
            }
        }

        return null;
    }
}
