namespace HapModular.Modules.Shared.Web.Resources;

/// <summary>
/// Words for the codes the modules store and several pages show (link types, audit actions and outcomes, purposes):
/// a person never reads a raw code. CodeText.resx is French; nl, de, en beside it.
/// </summary>
public sealed class CodeText;
