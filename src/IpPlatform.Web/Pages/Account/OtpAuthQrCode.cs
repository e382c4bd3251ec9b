using QRCoder;

namespace IpPlatform.Web.Pages.Account;

/// <summary>
/// An otpauth URI as a QR code in inline SVG (QRCoder): drawn with presentation attributes only, so the strict
/// Content-Security-Policy (no inline style, no data: images) lets it through. The markup is generated here from the URI's
/// bits alone; nothing a user typed reaches it as text.
/// </summary>
public static class OtpAuthQrCode
{
    public const string Label = "动态口令绑定二维码";

    public static string Svg(string otpAuthUri)
    {
        using var data = QRCodeGenerator.GenerateQrCode(otpAuthUri, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(5);
        return svg.Replace("<svg ", $"<svg role=\"img\" aria-label=\"{Label}\" class=\"totp-qr\" ", StringComparison.Ordinal);
    }
}
