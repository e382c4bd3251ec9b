using Microsoft.EntityFrameworkCore;

namespace IpPlatform.Identity.Organisations;

public sealed record OpenInvitation(OrganisationInvitation Invitation, string OrganisationName);

/// <summary>The invitation a link's token opens, with the inviting organisation's name, or null when it is unknown, used, revoked or expired.</summary>
public sealed class FindOpenInvitation(MembershipService membership, DbContext db)
{
    public async Task<OpenInvitation?> RunAsync(string token, CancellationToken ct = default)
    {
        if (await membership.FindOpenInvitationAsync(token, ct) is not { } invitation)
        {
            return null;
        }

        var name = await db.Set<Organisation>().Where(o => o.Id == invitation.OrganisationId).Select(o => o.Name).FirstAsync(ct);
        return new OpenInvitation(invitation, name);
    }
}
