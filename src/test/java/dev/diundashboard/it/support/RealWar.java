package dev.diundashboard.it.support;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR that `package` built, unchanged, deployed at the root context. */
public final class RealWar {

    private RealWar() {}

    public static WebArchive get() {
        File war = new File(System.getProperty("diun.it.war", "target/diun-dashboard.war"));
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war").importFrom(war).as(WebArchive.class);
    }
}
