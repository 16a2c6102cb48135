package org.deskplane.releng.emfcodegen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.codegen.ecore.generator.Generator;
import org.eclipse.emf.codegen.ecore.generator.GeneratorAdapterFactory;
import org.eclipse.emf.codegen.ecore.genmodel.GenModel;
import org.eclipse.emf.codegen.ecore.genmodel.GenModelFactory;
import org.eclipse.emf.codegen.ecore.genmodel.GenModelPackage;
import org.eclipse.emf.codegen.ecore.genmodel.GenPackage;
import org.eclipse.emf.codegen.ecore.genmodel.generator.GenBaseGeneratorAdapter;
import org.eclipse.emf.codegen.ecore.genmodel.generator.GenModelGeneratorAdapterFactory;
import org.eclipse.emf.common.util.BasicMonitor;
import org.eclipse.emf.common.util.Diagnostic;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EPackage;
import org.eclipse.emf.ecore.EcorePackage;
import org.eclipse.emf.ecore.plugin.EcorePlugin;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.emf.ecore.resource.impl.ResourceSetImpl;
import org.eclipse.emf.ecore.xmi.impl.EcoreResourceFactoryImpl;

/**
 * Runs EMF's own generator (the one the Eclipse IDE runs for "Generate Model Code") outside Eclipse.
 *
 * <p>Usage: {@code GenerateModel <path/to/project/model/name.genmodel>}. The project folder (two levels up) is
 * mapped as {@code platform:/resource/<folder name>/}, like an Eclipse workspace project. Like the IDE's
 * "Reload", the gen model is first rebuilt from the {@code .ecore} it names (keeping its settings) and saved,
 * so an edit of the {@code .ecore} alone is enough. Then the model code is generated.
 */
public final class GenerateModel {

    private GenerateModel() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: GenerateModel <project>/model/<name>.genmodel");
            System.exit(2);
        }
        Path genModelFile = Path.of(args[0]).toAbsolutePath().normalize();
        if (!Files.isRegularFile(genModelFile)) {
            throw new IOException("no such gen model: " + genModelFile);
        }
        Path project = genModelFile.getParent().getParent();
        String projectName = project.getFileName().toString();

        ResourceSet resourceSet = standaloneResourceSet(projectName, project);
        URI genModelUri = URI.createPlatformResourceURI(
                "/" + projectName + "/" + project.relativize(genModelFile).toString().replace('\\', '/'), true);
        Resource genModelResource = resourceSet.getResource(genModelUri, true);
        GenModel settings = (GenModel) genModelResource.getContents().get(0);

        GenModel genModel = reload(resourceSet, genModelUri, settings);
        genModelResource.getContents().set(0, genModel);
        genModelResource.save(Map.of(Resource.OPTION_SAVE_ONLY_IF_CHANGED,
                Resource.OPTION_SAVE_ONLY_IF_CHANGED_MEMORY_BUFFER));

        failOn(genModel.diagnose(), "the gen model is not valid");
        genModel.setCanGenerate(true);
        Generator generator = new Generator();
        generator.setInput(genModel);
        Diagnostic result = generator.generate(genModel, GenBaseGeneratorAdapter.MODEL_PROJECT_TYPE,
                new BasicMonitor.Printing(System.out));
        failOn(result, "generation failed");
        System.out.println("generated model code of " + genModelUri + " into " + genModel.getModelDirectory());
    }

    /** What Eclipse's plug-in registry and workspace would provide: factories, packages, platform URIs. */
    private static ResourceSet standaloneResourceSet(String projectName, Path project) {
        EcorePackage.eINSTANCE.eClass();
        GenModelPackage.eINSTANCE.eClass();
        // in Eclipse the generator adapters come from an extension point; here they are registered by hand
        GeneratorAdapterFactory.Descriptor.Registry.INSTANCE.addDescriptor(GenModelPackage.eNS_URI,
                GenModelGeneratorAdapterFactory.DESCRIPTOR);
        ResourceSet resourceSet = new ResourceSetImpl();
        Map<String, Object> factories = resourceSet.getResourceFactoryRegistry().getExtensionToFactoryMap();
        factories.put("ecore", new EcoreResourceFactoryImpl());
        factories.put("genmodel", new EcoreResourceFactoryImpl());
        // platform:/plugin/org.eclipse.emf.ecore/... (Ecore.genmodel) resolves into the jars on the class path
        resourceSet.getURIConverter().getURIMap().putAll(EcorePlugin.computePlatformURIMap(true));
        EcorePlugin.getPlatformResourceMap().put(projectName, URI.createFileURI(project.toString() + "/"));
        return resourceSet;
    }

    /**
     * Builds a gen model afresh from the .ecore files the old one names and carries over the old one's
     * settings, the way the Ecore importer's "Reload" does.
     */
    private static GenModel reload(ResourceSet resourceSet, URI genModelUri, GenModel old) {
        List<EPackage> ePackages = new ArrayList<>();
        for (String foreignModel : old.getForeignModel()) {
            URI ecoreUri = URI.createURI(foreignModel).resolve(genModelUri);
            for (EObject root : resourceSet.getResource(ecoreUri, true).getContents()) {
                if (root instanceof EPackage ePackage) {
                    ePackages.add(ePackage);
                }
            }
        }
        GenModel genModel = GenModelFactory.eINSTANCE.createGenModel();
        for (EAttribute attribute : GenModelPackage.Literals.GEN_MODEL.getEAllAttributes()) {
            if (!attribute.isDerived() && old.eIsSet(attribute)) {
                genModel.eSet(attribute, old.eGet(attribute));
            }
        }
        genModel.initialize(ePackages);
        addUsedGenPackages(resourceSet, genModel);
        genModel.reconcile(old);
        return genModel;
    }

    /** Referenced packages (e.g. Ecore's EStringToStringMapEntry) are generated elsewhere: link their gen models. */
    private static void addUsedGenPackages(ResourceSet resourceSet, GenModel genModel) {
        Map<String, URI> genModelLocations = EcorePlugin.getEPackageNsURIToGenModelLocationMap(true);
        for (EPackage missing : genModel.getMissingPackages()) {
            URI location = genModelLocations.get(missing.getNsURI());
            if (location == null) {
                throw new IllegalStateException("no gen model known for referenced package " + missing.getNsURI());
            }
            GenModel used = (GenModel) resourceSet.getResource(location, true).getContents().get(0);
            for (GenPackage genPackage : used.getAllGenPackagesWithClassifiers()) {
                if (missing.getNsURI().equals(genPackage.getNSURI())) {
                    genModel.getUsedGenPackages().add(genPackage);
                }
            }
        }
    }

    private static void failOn(Diagnostic diagnostic, String what) {
        if (diagnostic.getSeverity() >= Diagnostic.ERROR) {
            System.err.println(what + ":");
            print(diagnostic, "  ");
            System.exit(1);
        }
        if (diagnostic.getSeverity() == Diagnostic.WARNING) {
            print(diagnostic, "  ");
        }
    }

    private static void print(Diagnostic diagnostic, String indent) {
        System.err.println(indent + diagnostic.getMessage());
        for (Diagnostic child : diagnostic.getChildren()) {
            print(child, indent + "  ");
        }
    }
}
