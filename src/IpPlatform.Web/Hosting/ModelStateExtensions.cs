using IpPlatform.Kernel;
using IpPlatform.Identity.Organisations;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace IpPlatform.Web.Hosting;

public static class ModelStateExtensions
{
    /// <summary>Puts a service's field errors on the form's fields ("Input.CreditCode"); "" stays a form-level error.</summary>
    public static void AddFieldErrors(this ModelStateDictionary modelState, FieldErrors errors, string prefix = "Input")
    {
        foreach (var (field, message) in errors.All)
        {
            modelState.AddModelError(field.Length == 0 || prefix.Length == 0 ? field : $"{prefix}.{field}", message);
        }
    }
}
