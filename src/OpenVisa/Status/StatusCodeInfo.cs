namespace OpenVisa;

/// <summary>The VISA abbreviation and description of one <see cref="StatusCode"/>.</summary>
/// <param name="Code">The status code.</param>
/// <param name="Abbreviation">The VISA name, for example <c>VI_ERROR_TMO</c>.</param>
/// <param name="Description">What the code means, in the VISA specification's words.</param>
public sealed record StatusCodeInfo(StatusCode Code, string Abbreviation, string Description);
