using Microsoft.AspNetCore.Mvc;

namespace IpPlatform.Web.Hosting;

/// <summary>
/// Model binding's own messages (a number field given letters, a date given nonsense) in Chinese, naming the field by
/// its display name, so every form reports them like its other errors instead of in English.
/// </summary>
public static class ChineseBindingMessages
{
    public static void Configure(MvcOptions options)
    {
        var messages = options.ModelBindingMessageProvider;
        messages.SetAttemptedValueIsInvalidAccessor((value, field) => $"“{field}”的值“{value}”无效");
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"值“{value}”无效");
        messages.SetUnknownValueIsInvalidAccessor(field => $"“{field}”的值无效");
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => "提交的值无效");
        messages.SetValueIsInvalidAccessor(value => $"值“{value}”无效");
        messages.SetValueMustBeANumberAccessor(field => $"“{field}”须为数字");
        messages.SetNonPropertyValueMustBeANumberAccessor(() => "须为数字");
        messages.SetValueMustNotBeNullAccessor(field => $"请填写“{field}”");
        messages.SetMissingBindRequiredValueAccessor(field => $"缺少“{field}”");
        messages.SetMissingKeyOrValueAccessor(() => "缺少值");
        messages.SetMissingRequestBodyRequiredValueAccessor(() => "缺少提交的内容");
    }
}
