package dev.runboard.frontend;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.theme.Theme;
import com.vaadin.flow.theme.lumo.Lumo;

/** Page-wide settings: server push, so that new points reach the browser without polling. */
@Push
@Theme(themeClass = Lumo.class)
public class AppShell implements AppShellConfigurator {}
