using HapModular.Modules.Consent.Domain;
using HapModular.Modules.Consent.Resources;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace HapModular.Modules.Consent.Pages.Emergency;

/// <summary>The reason part of both emergency forms (by NISS, and from a denial): a category and a justification.</summary>
internal static class EmergencyReason
{
    /// <summary>As the form's <c>maxlength</c>: a longer text is refused with a message, never cut.</summary>
    public const int MaximumJustification = 2000;

    public static IReadOnlyList<string> Categories => EmergencyCategories.All;

    /// <summary>Adds the reason's errors (keys <c>Category</c>, <c>Justification</c>) to the model state.</summary>
    public static void Validate(ModelStateDictionary state, string? category, string? justification, IStringLocalizer<ConsentText> text)
    {
        if (category is null || !Categories.Contains(category))
        {
            state.AddModelError("Category", text["EmergencyCategoryRequired"]);
        }

        if ((justification?.Trim().Length ?? 0) < GrantEmergencyAccessHandler.MinimumJustification)
        {
            state.AddModelError("Justification", text["EmergencyJustificationTooShort", GrantEmergencyAccessHandler.MinimumJustification]);
        }
        else if (justification!.Trim().Length > MaximumJustification)
        {
            state.AddModelError("Justification", text["TextTooLong", MaximumJustification]);
        }
    }
}
