//! Saving the chart as an image, PNG or SVG, drawn with plotters from the
//! same chart model the window shows. The font is the one egui ships, so no
//! system fonts are needed. Files are written atomically.

use std::path::Path;
use std::sync::Once;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::model::{ChartModel, Marker};
use crate::format::filing_style;

/// The size of a saved chart unless another is asked for.
pub const DEFAULT_SIZE: (u32, u32) = (1600, 900);

const FONT: &str = "sans-serif";

/// Draws the marker of a status at a point: `$draw` runs with `$element`
/// bound to the shape (each status is a different element type).
macro_rules! with_marker {
    ($at:expr, $marker:expr, $color:expr, |$element:ident| $draw:expr) => {{
        let shape = EmptyElement::at($at);
        match $marker {
            Marker::Reported => {
                let $element = shape + Circle::new((0, 0), 7, $color.filled());
                $draw
            }
            Marker::Derived => {
                let $element =
                    shape + Circle::new((0, 0), 7, WHITE.filled()) + Circle::new((0, 0), 7, $color.stroke_width(3));
                $draw
            }
            Marker::Corrected => {
                let $element = shape + Rectangle::new([(-7, -7), (7, 7)], $color.filled());
                $draw
            }
            Marker::Conflict => {
                let $element = shape + Cross::new((0, 0), 8, $color.stroke_width(4));
                $draw
            }
            Marker::Restated => {
                let $element = shape + Polygon::new(vec![(0, -9), (9, 0), (0, 9), (-9, 0)], $color.filled());
                $draw
            }
            Marker::Resolved => {
                let $element = shape
                    + Rectangle::new([(-7, -7), (7, 7)], WHITE.filled())
                    + Rectangle::new([(-7, -7), (7, 7)], $color.stroke_width(3));
                $draw
            }
        }
    }};
}

#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    #[error("{0}: the chart can be saved as .png or .svg")]
    UnknownFormat(String),
    #[error("the chart font could not be loaded")]
    Font,
    #[error("the chart could not be drawn: {0}")]
    Draw(String),
    #[error("{path}: the chart could not be written: {source}")]
    Write { path: String, source: std::io::Error },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageFormat {
    Png,
    Svg,
}

impl ImageFormat {
    /// The format a file name asks for by its extension.
    pub fn of(path: &Path) -> Result<ImageFormat, ChartError> {
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("png") => Ok(ImageFormat::Png),
            Some("svg") => Ok(ImageFormat::Svg),
            _ => Err(ChartError::UnknownFormat(path.display().to_string())),
        }
    }
}

fn register_font() -> Result<(), ChartError> {
    static REGISTER: Once = Once::new();
    let mut result = Ok(());
    REGISTER.call_once(|| {
        result = plotters::style::register_font(FONT, FontStyle::Normal, epaint_default_fonts::UBUNTU_LIGHT)
            .map_err(|_| ChartError::Font);
    });
    result
}

pub fn render_svg(model: &ChartModel, size: (u32, u32)) -> Result<String, ChartError> {
    register_font()?;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        draw(&root, model).map_err(ChartError::Draw)?;
        root.present().map_err(|e| ChartError::Draw(e.to_string()))?;
    }
    Ok(svg)
}

pub fn render_png(model: &ChartModel, size: (u32, u32)) -> Result<Vec<u8>, ChartError> {
    register_font()?;
    let mut pixels = vec![0u8; size.0 as usize * size.1 as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut pixels, size).into_drawing_area();
        draw(&root, model).map_err(ChartError::Draw)?;
        root.present().map_err(|e| ChartError::Draw(e.to_string()))?;
    }
    let image =
        image::RgbImage::from_raw(size.0, size.1, pixels).ok_or_else(|| ChartError::Draw("bitmap size".into()))?;
    let mut png = Vec::new();
    image
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .map_err(|e| ChartError::Draw(e.to_string()))?;
    Ok(png)
}

/// Renders in the format the path's extension names and writes the file
/// atomically: a reader never sees half a chart.
pub fn save(model: &ChartModel, path: &Path, size: (u32, u32)) -> Result<(), ChartError> {
    let bytes = match ImageFormat::of(path)? {
        ImageFormat::Png => render_png(model, size)?,
        ImageFormat::Svg => render_svg(model, size)?.into_bytes(),
    };
    crate::atomic::write(path, &bytes).map_err(|source| ChartError::Write { path: path.display().to_string(), source })
}

fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, model: &ChartModel) -> Result<(), String> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    root.fill(&WHITE).map_err(err)?;
    let (width, height) = root.dim_in_pixel();
    let key_height = 48;
    let (plot_area, key_area) = root.split_vertically(height.saturating_sub(key_height));
    let (low, high) = model.y_range();
    // plotters' integer ranges include their end: 0..n-1 gives n quarters.
    let quarters = model.quarters.len().max(1);
    let mut chart = ChartBuilder::on(&plot_area)
        .caption(&model.title, (FONT, 34).into_font())
        .margin(24)
        .x_label_area_size(56)
        .y_label_area_size(110)
        .build_cartesian_2d((0..quarters - 1).into_segmented(), low..high)
        .map_err(err)?;
    let labels = model.quarters.clone();
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(quarters)
        .x_label_formatter(&|v| match v {
            SegmentValue::CenterOf(i) => labels.get(*i).cloned().unwrap_or_default(),
            _ => String::new(),
        })
        .y_desc(&model.unit_label)
        .y_label_formatter(&|y| axis_label(*y))
        .label_style((FONT, 20).into_font())
        .axis_desc_style((FONT, 22).into_font())
        .light_line_style(WHITE)
        .bold_line_style(RGBColor(220, 220, 220))
        .draw()
        .map_err(err)?;
    if low < 0.0 {
        let zero = [(SegmentValue::Exact(0), 0.0), (SegmentValue::Last, 0.0)];
        chart.draw_series(std::iter::once(PathElement::new(zero, BLACK.stroke_width(1)))).map_err(err)?;
    }
    for series in &model.series {
        let color = RGBColor(series.color[0], series.color[1], series.color[2]);
        for (i, run) in series.runs().into_iter().enumerate() {
            let line = LineSeries::new(run.iter().map(|p| (SegmentValue::CenterOf(p.x), p.y)), color.stroke_width(3));
            let drawn = chart.draw_series(line).map_err(err)?;
            if i == 0 {
                drawn
                    .label(&series.name)
                    .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 28, y)], color.stroke_width(4)));
            }
        }
        for point in &series.points {
            let at = (SegmentValue::CenterOf(point.x), point.y);
            with_marker!(at, point.marker, color, |element| chart.draw_series(std::iter::once(element)))
                .map_err(err)?;
        }
    }
    if !model.series.is_empty() {
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .background_style(WHITE.mix(0.9))
            .border_style(RGBColor(160, 160, 160))
            .label_font((FONT, 22).into_font())
            .draw()
            .map_err(err)?;
    } else {
        plot_area
            .draw(&Text::new(
                "No figures to chart",
                (width as i32 / 2 - 120, height as i32 / 2),
                (FONT, 28).into_font(),
            ))
            .map_err(err)?;
    }
    draw_key(&key_area).map_err(err)
}

fn draw_key<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let grey = RGBColor(90, 90, 90);
    let font = (FONT, 20).into_font().color(&grey);
    let mut x = 140;
    let y = 20;
    for marker_kind in Marker::ALL {
        with_marker!((x, y), marker_kind, grey, |element| area.draw(&element))?;
        area.draw(&Text::new(marker_kind.name(), (x + 16, y - 10), font.clone()))?;
        x += 160;
    }
    Ok(())
}

/// Axis numbers with thousands separators and negatives in parentheses.
fn axis_label(y: f64) -> String {
    let rounded = rust_decimal::Decimal::from_f64_retain((y * 100.0).round() / 100.0).unwrap_or_default();
    filing_style(rounded, 0)
}
