using System.Text.Json;
using IpPlatform.Identity.Accounts;
using IpPlatform.Kernel.Authorities;

namespace IpPlatform.Kernel.Tests;

/// <summary>
/// The staff roles and where they reach, defined once: every stored role is a catalogue role under the key recipes and
/// workflow definitions spell; the province reaches everything, a city its districts, a district itself; the province
/// reviewer takes a 省直 unit's city step; the authority running a program takes its own steps.
/// </summary>
public sealed class StaffRolesAndScopeTests
{
    [Fact]
    public void Every_stored_role_is_a_catalogue_role_spelled_as_recipes_spell_it()
    {
        Enum.GetValues<StaffRole>().Select(r => r.Definition()).ShouldBe(StaffRoleCatalog.All);
        foreach (var role in Enum.GetValues<StaffRole>())
        {
            role.Key().ShouldBe(JsonNamingPolicy.CamelCase.ConvertName(role.ToString()), "the staff recipe reads roles by this spelling");
        }

        StaffRole.CityReviewer.ToChinese().ShouldBe("市级审核员");
        StaffRoleCatalog.CityReviewer.Office.ShouldBe("市级审核");
        StaffRoleCatalog.ReviewerKeys.ShouldBe(["districtReviewer", "cityReviewer", "provinceReviewer"]);
    }

    [Theory]
    [InlineData("210000", "210100", "210102", true)]   // the province: everywhere
    [InlineData("210100", "210100", "210102", true)]   // 沈阳: its own district
    [InlineData("210100", "210100", null, true)]       // 沈阳: a unit with no district
    [InlineData("210200", "210100", "210102", false)]  // 大连: not 沈阳's
    [InlineData("210102", "210100", "210102", true)]   // 和平区: itself
    [InlineData("210103", "210100", "210102", false)]  // 沈河区: not 和平区's
    [InlineData("210102", "210100", null, false)]      // a district does not reach its city's units
    public void A_role_reaches_its_own_place_and_below(string heldAt, string city, string? district, bool reaches) =>
        AuthorityScope.Covers(heldAt, heldAtProvince: heldAt == "210000", city, district).ShouldBe(reaches);

    [Fact]
    public void The_province_reviewer_takes_a_province_units_city_step_and_the_running_authority_its_own_steps()
    {
        // A 省直 unit's city is the province: the city step is taken there, by the province reviewer.
        AuthorityScope.HoldsStep("210000", true, "city", "210000", null, "210000").ShouldBeTrue();
        AuthorityScope.MayTakeStep("provinceReviewer", heldAtProvince: true, "city", ["cityReviewer"]).ShouldBeTrue();
        AuthorityScope.MayTakeStep("provinceReviewer", heldAtProvince: false, "city", ["cityReviewer"]).ShouldBeFalse("only at the province");
        AuthorityScope.HoldsStep("210000", true, "province", "210100", "210102", "210100").ShouldBeTrue("the province step: whoever holds the province");
        AuthorityScope.HoldsStep("210100", false, "province", "210100", "210102", "210100").ShouldBeFalse();
        AuthorityScope.HoldsStep("210100", false, "district", "210100", null, "210000").ShouldBeFalse("no district, no district step");

        // 沈阳 running its copy of a provincial module takes the owner's steps under its city reviewer role.
        AuthorityScope.HoldsStep("210100", false, "owner", "210100", "210102", "210100").ShouldBeTrue();
        AuthorityScope.MayTakeStep("cityReviewer", false, "owner", ["provinceReviewer"]).ShouldBeTrue();
        AuthorityScope.MayTakeStep("policyEditor", false, "owner", ["provinceReviewer"]).ShouldBeFalse("editors do not review");
        AuthorityScope.MayTakeStep("districtReviewer", false, "district", ["districtReviewer"]).ShouldBeTrue();
        AuthorityScope.MayTakeStep("districtReviewer", false, "city", ["cityReviewer"]).ShouldBeFalse();
    }
}
