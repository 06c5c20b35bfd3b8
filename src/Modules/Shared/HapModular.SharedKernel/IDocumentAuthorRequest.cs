namespace HapModular.SharedKernel;

/// <summary>
/// A patient-scoped request on one document that only the document's author physician may send (masking their
/// own document, R6). Anyone else gets the neutral denial.
/// </summary>
public interface IDocumentAuthorRequest;
