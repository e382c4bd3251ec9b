using System.Text.Json.Nodes;
using IpPlatform.Programs.HighValuePatent;
using IpPlatform.Programs.ServiceCluster;

namespace IpPlatform.Kernel.Tests;

public sealed class ModuleSettingsTests
{
    private readonly Modules.ModuleSettingsSchema _schema = new HighValuePatentModule().Settings;

    [Fact]
    public void Defaults_follow_the_seed()
    {
        _schema.Validate(null, out var bound).ShouldBeEmpty();

        var settings = bound.ShouldBeOfType<HighValuePatentSettings>();
        settings.MinIpStaff.ShouldBe(3);
        settings.AcceptancePassScore.ShouldBe(70);
        settings.MaxJointApplicants.ShouldBe(1);
    }

    [Fact]
    public void Descriptors_carry_the_chinese_labels_and_defaults()
    {
        var d = _schema.Descriptors.Single(x => x.Key == "minIpStaff");

        d.Label.ShouldBe("知识产权专兼职人员下限（人）");
        d.Default.ShouldBe(3);
    }

    [Fact]
    public void An_override_replaces_only_its_own_setting()
    {
        _schema.Validate(new JsonObject { ["acceptancePassScore"] = 75 }, out var bound).ShouldBeEmpty();

        var settings = (HighValuePatentSettings)bound!;
        settings.AcceptancePassScore.ShouldBe(75);
        settings.MinIpStaff.ShouldBe(3);
    }

    [Fact]
    public void An_unknown_setting_is_named()
    {
        var errors = _schema.Validate(new JsonObject { ["minStaf"] = 3 }, out var bound);

        bound.ShouldBeNull();
        errors.ShouldHaveSingleItem().ShouldBe(new Modules.SettingError("minStaf", "未知的设置项“minStaf”"));
    }

    [Fact]
    public void An_out_of_range_value_names_the_setting_in_chinese()
    {
        var errors = _schema.Validate(new JsonObject { ["acceptancePassScore"] = 101 }, out _);

        errors.ShouldHaveSingleItem().Message.ShouldBe("设置项“验收合格分数线”：应在 0 到 100 之间");
    }

    [Fact]
    public void A_value_of_the_wrong_type_names_the_setting()
    {
        var errors = new ServiceClusterModule().Settings.Validate(new JsonObject { ["publicNoticeWorkingDays"] = "五" }, out _);

        errors.ShouldHaveSingleItem().Message.ShouldContain("公示期（工作日）");
    }
}
