package org.deskplane.print.pdf.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.deskplane.print.api.HostPrinter;
import org.deskplane.print.api.PrintJobHandle;
import org.deskplane.print.api.PrintJobRequest;
import org.deskplane.print.api.PrintJobState;
import org.deskplane.print.api.PrinterDriver;
import org.deskplane.print.testing.TestPdf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/** The driver as the OSGi service a router finds: configured through Configuration Admin. */
class PdfDirectoryDriverServiceTest {

    @TempDir
    Path dir;

    @Test
    void theConfiguredDriverPrintsIntoItsDirectory() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(getClass()).getBundleContext();
        ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> admins = new ServiceTracker<>(context, ConfigurationAdmin.class, null);
        admins.open();
        Configuration configuration = admins.waitForService(30_000).getConfiguration("org.deskplane.print.pdf", "?");
        try {
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put("directory", dir.toString());
            properties.put("printerId", "office-pdf");
            properties.put("reserveBytes", 0L);
            configuration.update(properties);
            // configuration properties become service properties: wait for the instance that has ours
            ServiceTracker<PrinterDriver, PrinterDriver> drivers = new ServiceTracker<>(context, context.createFilter(
                    "(&(objectClass=" + PrinterDriver.class.getName() + ")(print.driver=pdf)(printerId=office-pdf))"), null);
            drivers.open();
            PrinterDriver driver = drivers.waitForService(30_000);
            assertNotNull(driver, "PDF driver with the test configuration not registered within 30 s");

            HostPrinter printer = driver.printers().get(0);
            assertEquals("office-pdf", printer.id());
            assertEquals(List.of("application/pdf"), printer.capabilities().documentFormats());

            byte[] pdf = TestPdf.withPages(List.of("through the service"));
            PrintJobRequest request = PrintJobRequest.of("application/pdf", "service");
            PrintJobHandle job = driver.submit("office-pdf", request, new ByteArrayInputStream(pdf));
            assertEquals(PrintJobState.COMPLETED, driver.status(job).state());
            assertArrayEquals(pdf, Files.readAllBytes(dir.resolve(job.jobId())));
            drivers.close();
        } finally {
            configuration.delete();
            admins.close();
        }
    }
}
