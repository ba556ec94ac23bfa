//! The quarterly chart on screen, drawn with egui_plot from the chart model
//! (the saved image is drawn from the same model). The legend doubles as
//! the switch for each series; hovering a point tells its value, status and
//! source.

use egui::{Color32, RichText, Sense, Stroke};
use egui_plot::{Line, MarkerShape, Plot, PlotPoints, Points};

use super::action::Action;
use crate::chart::{ChartModel, Marker};
use crate::workbench::Workbench;

/// The legend and switches: every charted concept the company has, shown or
/// not, then the key to the status markers.
pub fn legend_ui(ui: &mut egui::Ui, workbench: &Workbench, everything: &ChartModel, actions: &mut Vec<Action>) {
    for series in &everything.series {
        let color = Color32::from_rgb(series.color[0], series.color[1], series.color[2]);
        let mut shown = workbench.is_shown(&series.concept);
        let (rect, _) = ui.allocate_exact_size(egui::vec2(18.0, 12.0), Sense::hover());
        ui.painter().line_segment([rect.left_center(), rect.right_center()], Stroke::new(3.0, color));
        let text = RichText::new(&series.name).color(if shown { color } else { ui.visuals().weak_text_color() });
        if ui.checkbox(&mut shown, text).on_hover_text("Show or hide this series (also in saved images)").changed() {
            actions.push(Action::ToggleSeries(series.concept.clone()));
        }
    }
    ui.separator();
    let grey = ui.visuals().weak_text_color();
    for marker in Marker::ALL {
        let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), Sense::hover());
        paint_marker(ui.painter(), rect.center(), marker, grey, ui.visuals().panel_fill);
        ui.weak(marker.name());
    }
}

/// How the chart names quarters and which values it draws.
pub fn options_ui(ui: &mut egui::Ui, workbench: &Workbench, actions: &mut Vec<Action>) {
    ui.separator();
    let mut calendar = workbench.chart_options.calendar_quarters;
    let hint = "Name quarters by the calendar quarter they end in instead of the company's fiscal quarter";
    if ui.checkbox(&mut calendar, "Calendar quarters").on_hover_text(hint).changed() {
        actions.push(Action::ToggleCalendarQuarters);
    }
    let mut first = workbench.chart_options.as_first_reported;
    let hint = "Draw restated quarters (diamonds) with the value first reported, not the latest filing's";
    if ui.checkbox(&mut first, "As first reported").on_hover_text(hint).changed() {
        actions.push(Action::ToggleFirstReported);
    }
}

/// The status marker as the chart draws it, for the key.
fn paint_marker(painter: &egui::Painter, at: egui::Pos2, marker: Marker, color: Color32, background: Color32) {
    let r = 4.5;
    match marker {
        Marker::Reported => {
            painter.circle_filled(at, r, color);
        }
        Marker::Derived => {
            painter.circle(at, r, background, Stroke::new(1.5, color));
        }
        Marker::Corrected => {
            painter.rect_filled(egui::Rect::from_center_size(at, egui::vec2(2.0 * r, 2.0 * r)), 0.0, color);
        }
        Marker::Conflict => {
            let d = egui::vec2(r, r);
            painter.line_segment([at - d, at + d], Stroke::new(2.0, color));
            painter.line_segment([at + egui::vec2(-r, r), at + egui::vec2(r, -r)], Stroke::new(2.0, color));
        }
        Marker::Restated => {
            let corners =
                [at + egui::vec2(0.0, -r), at + egui::vec2(r, 0.0), at + egui::vec2(0.0, r), at + egui::vec2(-r, 0.0)];
            painter.add(egui::Shape::convex_polygon(corners.to_vec(), color, Stroke::NONE));
        }
        Marker::Resolved => {
            let square = egui::Rect::from_center_size(at, egui::vec2(2.0 * r, 2.0 * r));
            painter.rect(square, 0.0, background, Stroke::new(1.5, color), egui::StrokeKind::Inside);
        }
    }
}

/// The grid's finest spacing in pixels; egui_plot states the step its
/// spacer is offered in these.
const GRID_SPACING_MIN: f32 = 8.0;
/// Room a quarter's label ("Q3 FY1998") needs: a line at every quarter,
/// a label at every first, second or fourth one, as many as fit.
const QUARTER_LABEL_PIXELS: f64 = 84.0;

pub fn plot_ui(ui: &mut egui::Ui, model: &ChartModel) {
    let quarters = model.quarters.clone();
    let hover_model = model.clone();
    let (low, high) = model.y_range();
    Plot::new("quarterly-chart")
        .allow_scroll(false)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_boxed_zoom(false)
        .include_x(-0.5)
        .include_x(quarters.len() as f64 - 0.5)
        .include_y(low)
        .include_y(high)
        .y_axis_label(model.unit_label.clone())
        .grid_spacing(GRID_SPACING_MIN..=300.0)
        .x_grid_spacer(egui_plot::uniform_grid_spacer(|input| {
            let pixels_per_quarter = f64::from(GRID_SPACING_MIN) / input.base_step_size;
            let every = [1.0, 2.0, 4.0, 8.0, 16.0, 32.0]
                .into_iter()
                .find(|quarters| quarters * pixels_per_quarter >= QUARTER_LABEL_PIXELS)
                .unwrap_or(64.0);
            [1.0, every, every]
        }))
        .x_axis_formatter(move |mark, _| {
            let i = mark.value.round();
            if (mark.value - i).abs() < 1e-6 && i >= 0.0 {
                quarters.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .y_axis_formatter(|mark, _| {
            crate::format::filing_style(
                rust_decimal::Decimal::from_f64_retain(mark.value).unwrap_or_default().round_dp(2),
                0,
            )
        })
        .label_formatter(move |position| match position {
            egui_plot::HoverPosition::NearDataPoint { plot_name, position, .. } => {
                let series = hover_model.series.iter().find(|s| s.name == *plot_name)?;
                let x = position.x.round() as usize;
                series.points.iter().find(|p| p.x == x).map(|p| p.detail.clone())
            }
            _ => None,
        })
        .show(ui, |plot| {
            for series in &model.series {
                let color = Color32::from_rgb(series.color[0], series.color[1], series.color[2]);
                for run in series.runs() {
                    let points: PlotPoints = run.iter().map(|p| [p.x as f64, p.y]).collect();
                    plot.line(Line::new(series.name.clone(), points).color(color).width(2.5).allow_hover(false));
                }
                for marker in Marker::ALL {
                    let points: PlotPoints =
                        series.points.iter().filter(|p| p.marker == marker).map(|p| [p.x as f64, p.y]).collect();
                    let (shape, filled) = match marker {
                        Marker::Reported => (MarkerShape::Circle, true),
                        Marker::Derived => (MarkerShape::Circle, false),
                        Marker::Corrected => (MarkerShape::Square, true),
                        Marker::Conflict => (MarkerShape::Cross, false),
                        Marker::Restated => (MarkerShape::Diamond, true),
                        Marker::Resolved => (MarkerShape::Square, false),
                    };
                    plot.points(
                        Points::new(series.name.clone(), points).shape(shape).filled(filled).radius(5.5).color(color),
                    );
                }
            }
        });
}
