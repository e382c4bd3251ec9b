namespace IpPlatform.Identity.Organisations;

/// <summary>One change to an organisation's profile: which field, from what to what, who and when. Appended, never changed.</summary>
public sealed class OrganisationProfileChange
{
    public Guid Id { get; set; }

    public Guid OrganisationId { get; set; }

    public DateTimeOffset At { get; set; }

    public Guid? ChangedBy { get; set; }

    public required string ChangedByName { get; set; }

    /// <summary>The field as the profile page labels it (单位地址, 职工人数…).</summary>
    public required string Field { get; set; }

    public string? Before { get; set; }

    public string? After { get; set; }
}
