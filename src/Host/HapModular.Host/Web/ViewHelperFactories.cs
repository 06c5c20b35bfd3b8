using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Encodings.Web;
using Autofac;
using HapModular.Host.Composition;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewComponents;
using Microsoft.AspNetCore.Mvc.ViewEngines;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Mvc.ViewFeatures.Buffers;

namespace HapModular.Host.Web;

/// <summary>
/// Razor gives every view it renders — the page, <c>_ViewStart</c>, the layout, the patient banner — an <c>Html</c>
/// (<see cref="IHtmlHelper{TModel}"/>) and a <c>Component</c> (<see cref="IViewComponentHelper"/>), used or not. Built by
/// Autofac's reflection activator, each was 6–8 nested resolutions of MVC singletons: a measurable share of a page's
/// allocations (profiled on the timeline). These registrations build the same MVC types from those singletons, resolved
/// once; only the request's view buffer scope is resolved per helper. Each also carries its compiled call
/// (<see cref="TransientFactories.Metadata"/>): through the request's services a helper is then built without an Autofac
/// resolve operation at all (still ~1 KiB each, several per view, before).
/// </summary>
internal static class ViewHelperFactories
{
    private static readonly ConcurrentDictionary<Type, Func<Parts, IViewBufferScope, object>> HtmlHelpers = new();

    public static void RegisterViewHelperFactories(this ContainerBuilder builder)
    {
        builder.RegisterType<Parts>().SingleInstance();
        builder.Register(c => NewViewComponentHelper(c.Resolve<Parts>(), c.Resolve<IViewBufferScope>()))
            .As<IViewComponentHelper>().InstancePerDependency()
            .WithMetadata(TransientFactories.Metadata, (Func<Type, Func<ScopeServices, object>>)(_ => s => NewViewComponentHelper(s.Get<Parts>(), s.Get<IViewBufferScope>())));
        builder.RegisterGeneric((c, types) => HtmlHelpers.GetOrAdd(types[0], HtmlHelperOf)(c.Resolve<Parts>(), c.Resolve<IViewBufferScope>()))
            .As(typeof(IHtmlHelper<>)).InstancePerDependency()
            .WithMetadata(TransientFactories.Metadata, (Func<Type, Func<ScopeServices, object>>)(service =>
            {
                var make = HtmlHelpers.GetOrAdd(service.GenericTypeArguments[0], HtmlHelperOf);
                return s => make(s.Get<Parts>(), s.Get<IViewBufferScope>());
            }));
    }

    private static DefaultViewComponentHelper NewViewComponentHelper(Parts p, IViewBufferScope buffers) =>
        new(p.Descriptors, p.HtmlEncoder, p.Selector, p.Invokers, buffers);

    private static Func<Parts, IViewBufferScope, object> HtmlHelperOf(Type model) =>
        typeof(ViewHelperFactories).GetMethod(nameof(NewHtmlHelper), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(model).CreateDelegate<Func<Parts, IViewBufferScope, object>>();

    private static object NewHtmlHelper<TModel>(Parts p, IViewBufferScope buffers) =>
        new HtmlHelper<TModel>(p.Generator, p.ViewEngine, p.Metadata, buffers, p.HtmlEncoder, p.UrlEncoder, p.Expressions);

    /// <summary>The MVC singletons both helpers are made of (as MVC registers them).</summary>
    internal sealed class Parts(
        IHtmlGenerator generator, ICompositeViewEngine viewEngine, IModelMetadataProvider metadata, HtmlEncoder htmlEncoder, UrlEncoder urlEncoder,
        ModelExpressionProvider expressions, IViewComponentDescriptorCollectionProvider descriptors, IViewComponentSelector selector, IViewComponentInvokerFactory invokers)
    {
        public IHtmlGenerator Generator => generator;

        public ICompositeViewEngine ViewEngine => viewEngine;

        public IModelMetadataProvider Metadata => metadata;

        public HtmlEncoder HtmlEncoder => htmlEncoder;

        public UrlEncoder UrlEncoder => urlEncoder;

        public ModelExpressionProvider Expressions => expressions;

        public IViewComponentDescriptorCollectionProvider Descriptors => descriptors;

        public IViewComponentSelector Selector => selector;

        public IViewComponentInvokerFactory Invokers => invokers;
    }
}
