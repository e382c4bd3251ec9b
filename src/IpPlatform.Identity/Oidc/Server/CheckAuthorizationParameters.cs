using System.Globalization;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace IpPlatform.Identity.Oidc.Server;

/// <summary>
/// What the platform checks of an authorization request beyond OpenIddict: a parameter given twice (RFC 6749 §3.1), a
/// state too long to echo back, a nonce over 500 characters and a max_age that is not a non-negative integer. The
/// authorization page then decides whether the error may go back to the client (see its error pass-through).
/// </summary>
public sealed class CheckAuthorizationParameters : IOpenIddictServerHandler<ValidateAuthorizationRequestContext>
{
    public const int MaxState = 2000;

    private static readonly string[] Known =
        [Parameters.ClientId, Parameters.RedirectUri, Parameters.ResponseType, Parameters.ResponseMode, Parameters.Scope, Parameters.State, Parameters.Nonce,
         Parameters.Prompt, Parameters.MaxAge, Parameters.CodeChallenge, Parameters.CodeChallengeMethod];

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateAuthorizationRequestContext>()
        .UseSingletonHandler<CheckAuthorizationParameters>()
        .SetOrder(OpenIddictServerHandlers.Authentication.ValidateRequestParameter.Descriptor.Order - 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ValidateAuthorizationRequestContext context)
    {
        var request = context.Request;
        if (Known.FirstOrDefault(k => ((Microsoft.Extensions.Primitives.StringValues?)request.GetParameter(k))?.Count > 1) is { } repeated)
        {
            context.Reject(Errors.InvalidRequest, $"parameter {repeated} is repeated");
        }
        else if (request.State is { Length: > MaxState })
        {
            context.Reject(Errors.InvalidRequest, "state is too long");
        }
        else if (request.Nonce is { Length: > 500 })
        {
            context.Reject(Errors.InvalidRequest, "nonce is too long");
        }
        else if (request.GetParameter(Parameters.MaxAge)?.ToString() is { } maxAge && !long.TryParse(maxAge, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            context.Reject(Errors.InvalidRequest, "max_age must be a non-negative integer");
        }

        return ValueTask.CompletedTask;
    }
}
